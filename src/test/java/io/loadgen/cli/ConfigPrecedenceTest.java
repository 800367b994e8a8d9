package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.loadgen.spec.Durations;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Where each setting comes from: the command line beats env, env beats application.properties (issue item 2). */
@Timeout(10)
class ConfigPrecedenceTest {

    @Test
    void defaultsComeFromApplicationProperties() {
        LoadSpec spec = OptionsFixture.noEnv().assemble();

        assertThat(spec.topic().name()).isEqualTo("logs");
        assertThat(spec.workload().records()).isEqualTo(2_000_000L);
        assertThat(spec.workload().duration()).isNull();
        assertThat(spec.workload().rateLimited()).isFalse();
        assertThat(spec.senders().threads())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        assertThat(spec.senders().producers()).isEqualTo(1);
        assertThat(spec.timing().reportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.timing().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.payload().keys()).isEqualTo(KeyStrategy.NONE);
        assertThat(spec.payload().levelWeights()).containsExactly(1, 1, 1, 1);
        assertThat(spec.payload().resourceCardinality()).isEqualTo(10);
        assertThat(spec.delivery().producerConfig())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("acks", "1")
                .containsEntry("linger.ms", "50")
                .containsEntry("batch.size", "262144")
                .containsEntry("compression.type", "lz4")
                .containsEntry("client.id", "loadgen");
    }

    /**
     * Each row: option, its env var, a value for env and one for the command line, and what the spec makes of a
     * value. The application.properties value is whatever the spec shows with neither.
     */
    static Stream<Arguments> layeredOptions() {
        return Stream.of(
                layer(
                        "--topic",
                        "LOADGEN_TOPIC",
                        "env-topic",
                        "cli-topic",
                        s -> s.topic().name(),
                        s -> s),
                layer(
                        "--partitions",
                        "LOADGEN_PARTITIONS",
                        "3",
                        "2",
                        s -> s.topic().partitions(),
                        Integer::valueOf),
                layer(
                        "--report-interval",
                        "LOADGEN_REPORT_INTERVAL",
                        "2s",
                        "1s",
                        s -> s.timing().reportInterval(),
                        Durations::parse),
                layer(
                        "--keys",
                        "LOADGEN_KEYS",
                        "random",
                        "resource-id",
                        s -> s.payload().keys(),
                        SpecAssembler::keys),
                layer(
                        "--compression",
                        "LOADGEN_COMPRESSION",
                        "gzip",
                        "zstd",
                        s -> s.delivery().producerConfig().get("compression.type"),
                        s -> s),
                layer(
                        "--linger-ms",
                        "LOADGEN_LINGER_MS",
                        "7",
                        "3",
                        s -> s.delivery().producerConfig().get("linger.ms"),
                        s -> s),
                layer(
                        "--bootstrap-servers",
                        "LOADGEN_BOOTSTRAP_SERVERS",
                        "env:9092",
                        "cli:9092",
                        s -> s.delivery().producerConfig().get("bootstrap.servers"),
                        s -> s));
    }

    private static <T> Arguments layer(
            String option,
            String envVar,
            String envValue,
            String cliValue,
            Function<LoadSpec, T> read,
            Function<String, T> expected) {
        // typed here, so each row's reader and expectation agree; the test itself only compares with equals
        return arguments(option, envVar, envValue, cliValue, read, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layeredOptions")
    void commandLineBeatsEnvBeatsApplicationProperties(
            String option,
            String envVar,
            String envValue,
            String cliValue,
            Function<LoadSpec, Object> read,
            Function<String, Object> expected) {
        Object fromProperties = read.apply(OptionsFixture.noEnv().assemble());
        OptionsFixture env = OptionsFixture.withEnv(Map.of(envVar, envValue));

        assertThat(read.apply(env.assemble()))
                .as("env beats application.properties")
                .isEqualTo(expected.apply(envValue))
                .isNotEqualTo(fromProperties);
        assertThat(read.apply(env.assemble(option, cliValue)))
                .as("command line beats env")
                .isEqualTo(expected.apply(cliValue));
    }

    @Test
    void envRecordsAreOverriddenByTheCommandLine() {
        OptionsFixture env = OptionsFixture.withEnv(Map.of("LOADGEN_RECORDS", "20000"));

        assertThat(env.assemble().workload().records()).isEqualTo(20_000);
        assertThat(env.assemble("--records", "3000").workload().records()).isEqualTo(3_000);
    }

    /** --records was --messages: scripts, manifests and CI jobs that use the former name keep working. */
    @Test
    void theFormerNameMessagesStillWorksAndTheNewNameWins() {
        assertThat(OptionsFixture.noEnv()
                        .assemble("--messages", "700")
                        .workload()
                        .records())
                .isEqualTo(700);
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_MESSAGES", "800"))
                        .assemble()
                        .workload()
                        .records())
                .isEqualTo(800);
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_MESSAGES", "800", "LOADGEN_RECORDS", "900"))
                        .assemble()
                        .workload()
                        .records())
                .isEqualTo(900);
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_MESSAGES", "800"))
                        .assemble("--records", "600")
                        .workload()
                        .records())
                .isEqualTo(600);
    }

    @Test
    void firstClassProducerOptionsFallBackToKafkaKeys() {
        LoadSpec spec = OptionsFixture.withEnv(Map.of(
                        "KAFKA_LINGER_MS",
                        "9",
                        "KAFKA_COMPRESSION_TYPE",
                        "snappy",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "10.0.0.1:9092",
                        "KAFKA_ACKS",
                        "all",
                        "KAFKA_CLIENT_ID",
                        "env-client"))
                .assemble();

        assertThat(spec.delivery().producerConfig())
                .containsEntry("linger.ms", "9")
                .containsEntry("compression.type", "snappy")
                .containsEntry("bootstrap.servers", "10.0.0.1:9092")
                .containsEntry("acks", "all")
                .containsEntry("client.id", "env-client");
    }

    @Test
    void theLoadgenSpellingBeatsTheKafkaSpelling() {
        OptionsFixture env = OptionsFixture.withEnv(Map.of("LOADGEN_LINGER_MS", "7", "KAFKA_LINGER_MS", "9"));

        assertThat(env.assemble().delivery().producerConfig()).containsEntry("linger.ms", "7");
    }

    @Test
    void producerPropertyBeatsEverySource() {
        OptionsFixture env = OptionsFixture.withEnv(Map.of("LOADGEN_LINGER_MS", "7", "KAFKA_LINGER_MS", "9"));

        LoadSpec spec = env.assemble(
                "--linger-ms",
                "3",
                "--producer-property",
                "linger.ms=1",
                "--producer-property",
                "enable.idempotence=false");

        assertThat(spec.delivery().producerConfig())
                .containsEntry("linger.ms", "1")
                .containsEntry("enable.idempotence", "false");
    }

    @Test
    void kafkaPropertiesPassThroughUntouchedAndSecretsAreMaskedWhenDescribed() {
        String jaas =
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cret\";";
        LoadSpec spec = OptionsFixture.withEnv(Map.of("KAFKA_SASL_JAAS_CONFIG", jaas, "KAFKA_SASL_MECHANISM", "PLAIN"))
                .assemble();

        assertThat(spec.delivery().producerConfig())
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(spec.describe().get("producer"))
                .asInstanceOf(MAP)
                .containsEntry("sasl.jaas.config", Secrets.MASK)
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(spec.describe().toString()).doesNotContain("s3cret");
    }

    @Test
    void kafkaScriptEnvVarsNeverReachTheProducerNorTheSummary() {
        // A shell set up for Kafka's own scripts: KAFKA_OPTS may carry a keystore password.
        OptionsFixture env = OptionsFixture.withEnv(Map.of(
                "KAFKA_OPTS",
                "-Djavax.net.ssl.keyStorePassword=hunter2",
                "KAFKA_HEAP_OPTS",
                "-Xmx1G",
                "KAFKA_LISTENERS",
                "PLAINTEXT://:9092",
                "KAFKA_LINGER_MS",
                "9"));
        LoadSpec spec = env.assemble();

        assertThat(spec.delivery().producerConfig())
                .containsEntry("linger.ms", "9")
                .doesNotContainKeys("opts", "heap.opts", "listeners");
        assertThat(spec.describe().toString()).doesNotContain("hunter2").doesNotContain("Xmx1G");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KafkaSettings.reportIgnored(env.kafkaConfig(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "loadgen: ignoring kafka.* / KAFKA_* settings no Kafka client knows: heap.opts, listeners, opts"
                                + " (a plugin's setting goes through --producer-property KEY=VALUE)"
                                + System.lineSeparator());
    }

    @Test
    void aPluginSettingPassesThroughProducerProperty() {
        LoadSpec spec = OptionsFixture.noEnv().assemble("--producer-property", "my.plugin.region=eu-west-1");

        assertThat(spec.delivery().producerConfig()).containsEntry("my.plugin.region", "eu-west-1");
    }

    @Test
    void nothingIsReportedWhenEveryKafkaSettingIsKnown() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KafkaSettings.reportIgnored(
                OptionsFixture.withEnv(Map.of("KAFKA_ACKS", "all")).kafkaConfig(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.size()).isZero();
    }

    @Test
    void theConsumerGroupIdAndTheSerializersNeverReachTheProducer() {
        LoadSpec spec = OptionsFixture.withEnv(Map.of("KAFKA_KEY_SERIALIZER", "org.example.Custom"))
                .assemble();

        assertThat(spec.delivery().producerConfig())
                .doesNotContainKeys("group.id", "key.serializer", "value.serializer");
    }

    @Test
    void helpShowsTheEffectiveDefaults() {
        CommandLine cmd = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(OptionsFixture.withEnv(Map.of("LOADGEN_TOPIC", "env-topic"))
                        .defaults());

        String usage = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage).contains("Default: env-topic", "Default: seed", "Default: lz4", "Exit codes:");
    }
}
