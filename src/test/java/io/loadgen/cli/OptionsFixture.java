package io.loadgen.cli;

import io.loadgen.spec.LoadSpec;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Parses run options and assembles a spec the way the application does, without booting Quarkus: picocli over
 * {@link RunOptions}, defaults from {@link ConfigDefaultProvider}, configuration from SmallRye Config with a fake
 * environment layered over the real {@code application.properties}. So precedence and env-var naming are
 * SmallRye's own rules, not a re-implementation.
 */
final class OptionsFixture {

    /** The ordinals Quarkus gives these sources: env (300) beats application.properties (250). */
    private static final int ENV_ORDINAL = 300;

    private static final int PROPERTIES_ORDINAL = 250;

    @Command(name = "run")
    static final class TestCommand {
        @Mixin
        RunOptions options;
    }

    private final Map<String, String> env;
    private final SmallRyeConfig config;

    private OptionsFixture(Map<String, String> env) {
        this.env = env;
        this.config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, ENV_ORDINAL), applicationProperties())
                .build();
    }

    static OptionsFixture withEnv(Map<String, String> env) {
        return new OptionsFixture(env);
    }

    static OptionsFixture noEnv() {
        return new OptionsFixture(Map.of());
    }

    ConfigDefaultProvider defaults() {
        return new ConfigDefaultProvider(key -> config.getOptionalValue(key, String.class));
    }

    /** @throws CommandLine.ParameterException as picocli reports a value it cannot convert */
    RunOptions parse(String... args) {
        TestCommand command = new TestCommand();
        new CommandLine(command).setDefaultValueProvider(defaults()).parseArgs(args);
        return command.options;
    }

    /** @throws CommandLine.ParameterException or {@link UsageException}: the two ways bad input is reported */
    LoadSpec assemble(String... args) {
        return SpecAssembler.assemble(parse(args), kafkaConfig());
    }

    /** The scale-out options, checked as {@code run} checks them after the spec. */
    FleetPlan fleet(String... args) {
        RunOptions options = parse(args);
        LoadSpec spec = SpecAssembler.assemble(options, kafkaConfig());
        return SpecAssembler.fleet(
                options, spec.placement().shard(), spec.topic().name());
    }

    /**
     * What quarkus-kafka-client injects as the {@code default-kafka-broker} map: every {@code kafka.*} key with the
     * prefix stripped (env overrides included), plus {@code KAFKA_*} env vars as lower-case dotted names, plus the
     * consumer {@code group.id} it always adds.
     */
    Map<String, Object> kafkaConfig() {
        Map<String, Object> kafka = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(v -> kafka.put(name.substring("kafka.".length()), v));
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("KAFKA_"))
                kafka.put(
                        k.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
        kafka.put("group.id", "kafka-loadgen");
        return kafka;
    }

    private static PropertiesConfigSource applicationProperties() {
        URL url = OptionsFixture.class.getClassLoader().getResource("application.properties");
        try {
            if (url == null) throw new IOException("application.properties is not on the test class path");
            return new PropertiesConfigSource(url, PROPERTIES_ORDINAL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
