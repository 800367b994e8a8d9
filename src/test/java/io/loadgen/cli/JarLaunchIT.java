package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in its own JVM (issue item 11), for what an in-JVM launch cannot show: configuration by the
 * process environment alone, and a real SIGTERM.
 */
@Timeout(120)
class JarLaunchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The issue's {@code LOADGEN_RECORDS=500000 KAFKA_BOOTSTRAP_SERVERS=... java -jar ...}, smaller. */
    @Test
    void envAloneConfiguresARun() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("env");

        try (AppProcess app = AppProcess.start(env(topic, "LOADGEN_RECORDS", "20000"))) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(Summary.parse(app.stdout()).sent()).isEqualTo(20_000);
        }
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(20_000);
    }

    @Test
    void theCommandLineBeatsEnv() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("cli-over-env");

        try (AppProcess app = AppProcess.start(env(topic, "LOADGEN_RECORDS", "20000"), "--records", "3000")) {
            assertExitCode(app, ExitCodes.OK);
        }
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(3_000);
    }

    /** Issue item 2: {@code KAFKA_SASL_JAAS_CONFIG} and friends reach the producer, and are never printed. */
    @Test
    void kafkaEnvVarsPassThroughAndSecretsStayHidden() throws InterruptedException, IOException {
        String password = "pw-" + UUID.randomUUID();
        Path summaryJson = dir.resolve("secret.json");
        Map<String, String> env = env(KafkaBroker.uniqueTopic("secret"), "LOADGEN_RECORDS", "1000");
        // a PLAINTEXT listener ignores SASL settings, so the run works and only the printing is under test
        env.put(
                "KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " + "username=\"loadgen\" password=\""
                        + password + "\";");
        env.put("KAFKA_SASL_MECHANISM", "PLAIN");

        try (AppProcess app = AppProcess.start(env, "--summary-json", summaryJson.toString())) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(app.stdout())
                    .contains("sasl.jaas.config = [hidden]", "sasl.mechanism = PLAIN")
                    .doesNotContain(password);
            assertThat(app.stderr()).doesNotContain(password);
        }
        JsonNode producer = JSON.readTree(summaryJson.toFile()).path("settings").path("producer");
        assertThat(producer.path("sasl.jaas.config").asText()).isEqualTo("[hidden]");
        assertThat(producer.toString()).doesNotContain(password);
    }

    /**
     * Issue item 9: SIGTERM stops sending, waits for records in flight, prints and writes the partial summary and
     * exits 130. With a healthy broker every record in flight is acknowledged before the producer closes, so the
     * topic holds exactly what the summary counts as sent: a record the broker stored but never acknowledged
     * would make the topic larger (at most by "failed"), one counted but not stored would be a lie.
     */
    @Test
    void sigtermStopsGracefullyWithCountsThatMatchTheTopic() throws InterruptedException, IOException {
        String topic = KafkaBroker.uniqueTopic("sigterm");
        Path summaryJson = dir.resolve("sigterm.json");

        try (AppProcess app = AppProcess.start(
                env(topic),
                "--rate",
                "5000",
                "--duration",
                "60s",
                "--report-interval",
                "1s",
                "--summary-json",
                summaryJson.toString())) {
            assertThat(app.awaitStdoutLine(
                            line -> line.matches("\\[\\s*\\d+\\.\\ds] .* total [1-9][\\d,]*, .*"), RUN_TIMEOUT))
                    .as("progress shows records flowing; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                    .isTrue();
            long signalled = System.nanoTime();
            app.terminate();

            assertExitCode(app, ExitCodes.INTERRUPTED);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled))
                    .as("stop-timeout is 10 s")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(app.stderr()).contains("SIGTERM received");
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("INTERRUPTED");
            assertThat(summary.failed()).isZero();
            JsonNode json = JSON.readTree(summaryJson.toFile());
            assertThat(json.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(json.path("records").path("sent").asLong())
                    .isEqualTo(summary.sent())
                    .isPositive();
            assertThat(KafkaBroker.countTopic(topic)).isEqualTo(summary.sent());
        }
    }

    /** Issue item 8: unreachable brokers give a clear error within --connect-timeout, never a hang. */
    @Test
    void unreachableBrokersFailWithinTheConnectTimeout() throws InterruptedException {
        try (AppProcess app = AppProcess.start(
                env(KafkaBroker.uniqueTopic("unreachable")),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-timeout",
                "3s")) {
            assertThat(app.awaitStdoutLine(line -> line.startsWith("loadgen run "), RUN_TIMEOUT))
                    .as("started")
                    .isTrue();
            long started = System.nanoTime();

            assertExitCode(app, ExitCodes.RUN_FAILED);
            // measured from the start line, so the JVM's and Quarkus's start-up do not count; slack for a busy machine
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(app.stderr())
                    .contains("loadgen: cannot reach Kafka at 127.0.0.1:1 within 3.0 s (--connect-timeout)");
        }
    }

    /**
     * snappy's and zstd's codecs are JNI libraries unpacked to /tmp; where one cannot load (a /tmp mounted noexec, as
     * with docker's --tmpfs /tmp) the run stops before sending with one line saying why, instead of every record
     * failing as a bare KafkaException. Made to fail here by telling snappy-java to load a system library that is not
     * installed.
     */
    @Test
    void aCompressionCodecThatCannotLoadIsNamedBeforeSending() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("codec");
        try (AppProcess app = AppProcess.start(env(
                topic,
                "JAVA_TOOL_OPTIONS",
                "-Dorg.xerial.snappy.use.systemlib=true",
                "LOADGEN_COMPRESSION",
                "snappy",
                "LOADGEN_RECORDS",
                "1000"))) {
            assertExitCode(app, ExitCodes.RUN_FAILED);
            assertThat(app.stderr())
                    .contains("loadgen: compression snappy cannot be used here: its native library did not load (")
                    .contains("--tmpfs /tmp:exec");
            assertThat(app.stdout())
                    .as("stopped before the topic check and the producers: nothing to summarise")
                    .doesNotContain("=== loadgen summary");
        }
    }

    /**
     * In a container nobody typed the value: an error about an option the command line does not give names the env
     * variable it came from, and a bad value there does not keep --help from showing.
     */
    @Test
    void badValuesFromEnvNameTheirVariableAndHelpStillShows() throws InterruptedException {
        try (AppProcess app = AppProcess.start(env("t", "LOADGEN_COMPRESSION", "brotli"), "--records", "10")) {
            assertExitCode(app, ExitCodes.USAGE);
            assertThat(app.stderr().lines().findFirst())
                    .hasValue("loadgen: --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli' "
                            + "(from env LOADGEN_COMPRESSION)");
        }
        try (AppProcess app = AppProcess.start(env("t", "KAFKA_COMPRESSION_TYPE", "lz4"), "--compression", "brotli")) {
            assertExitCode(app, ExitCodes.USAGE);
            assertThat(app.stderr().lines().findFirst())
                    .as("typed on the command line: no env named")
                    .hasValue("loadgen: --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli'");
        }
        try (AppProcess app = AppProcess.start(env("t", "LOADGEN_RATE", "fast"), "run", "--help")) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(app.stderr().lines().findFirst())
                    .hasValue("loadgen: Invalid value for option '--rate': 'fast' is not a rate in records/s "
                            + "(examples: 50000, 2.5k, 1m) (from env LOADGEN_RATE)");
            assertThat(app.stdout()).startsWith("Usage: loadgen run");
        }
        try (AppProcess app = AppProcess.start(env("t", "LOADGEN_RATE", "fast"), "run", "--version")) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(app.stdout()).contains("Kafka client");
        }
    }

    /**
     * stdout is for people and scripts reading the table: the Kafka client's logs go to stderr, and its warning
     * about every partition verify's consumer leaves (a matter of course) not at all.
     */
    @Test
    void verifysTableIsAloneOnStdout() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("verify-stdout");
        try (AppProcess run = AppProcess.start(
                env(topic, "QUARKUS_HTTP_PORT", "0"), "--records", "2000", "--run-id", "v1", "--sequence-header")) {
            assertExitCode(run, ExitCodes.OK);
        }
        try (AppProcess verify = AppProcess.start(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers()),
                "verify",
                "--run-id",
                "v1",
                "--topic",
                topic)) {
            assertExitCode(verify, ExitCodes.OK);
            assertThat(verify.stdout().lines().findFirst())
                    .hasValueSatisfying(line -> assertThat(line).startsWith("=== loadgen verify: run v1"));
            assertThat(verify.stdout() + verify.stderr()).doesNotContain("WARN").doesNotContain("high watermark");
        }
    }

    /**
     * verify and report look the topic up with the Admin API; its calls must give up within the command's own timeout,
     * not the client's 60 s default (closing the client waited for them).
     */
    @Test
    void verifyAndReportGiveUpWithinTheirTimeoutsOnAnUnreachableBroker() throws InterruptedException {
        String[][] commands = {
            {"verify", "--run-id", "r1", "--topic", "t", "--bootstrap-servers", "127.0.0.1:1", "--verify-timeout", "3s"
            },
            {"report", "--run-id", "r1", "--bootstrap-servers", "127.0.0.1:1", "--collect-timeout", "3s"}
        };
        for (String[] command : commands) {
            long started = System.nanoTime();
            try (AppProcess app = AppProcess.start(Map.of(), command)) {
                assertExitCode(app, ExitCodes.RUN_FAILED);
                // the JVM's and Quarkus's start-up count here (a few seconds on a busy machine), the 60 s do not
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as(command[0])
                        .isLessThan(Duration.ofSeconds(25));
                assertThat(app.stderr()).as(command[0]).contains("cannot reach Kafka at 127.0.0.1:1 within 3 s");
            }
        }
    }

    /**
     * A pod can be stopped before Kafka answers. The stop must not wait out --connect-timeout (30 s by default, as
     * long as Kubernetes' default grace period) and must report the interruption, not a connection failure.
     */
    @Test
    void sigtermWhileConnectingStopsPromptlyAsInterrupted() throws InterruptedException {
        try (AppProcess app = AppProcess.start(
                env(KafkaBroker.uniqueTopic("never")),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-timeout",
                "8s")) {
            assertThat(app.awaitStdoutLine(line -> line.startsWith("loadgen run "), RUN_TIMEOUT))
                    .as("started")
                    .isTrue();
            Thread.sleep(500); // past the start line, the signal trap is in place
            long signalled = System.nanoTime();
            app.terminate();

            assertExitCode(app, ExitCodes.INTERRUPTED);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Env for a run against the shared broker, topic created on demand, plus the given name/value pairs. */
    private static Map<String, String> env(String topic, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                KafkaBroker.bootstrapServers(),
                "LOADGEN_TOPIC",
                topic,
                "LOADGEN_CREATE_TOPIC",
                "true"));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    private static void assertExitCode(AppProcess app, int expected) throws InterruptedException {
        int exit = app.waitFor(RUN_TIMEOUT);
        assertThat(exit)
                .as("exit code; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                .isEqualTo(expected);
        Summary.assertNoStackTrace(app.stdout(), app.stderr());
    }
}
