package io.loadgen.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every option its default from configuration, so the precedence is command line, then environment, then
 * {@code application.properties}, and {@code --help} shows the effective value. Option {@code --linger-ms} reads
 * config key {@code loadgen.linger-ms}, which the environment sets as {@code LOADGEN_LINGER_MS}. An option's former name
 * still works as a key ({@code LOADGEN_MESSAGES} for {@code --records}); its own name wins when both are set.
 *
 * <p>The first-class producer options fall back to the Kafka property they stand for ({@code kafka.linger.ms},
 * env {@code KAFKA_LINGER_MS}), so setting either spelling works and the more specific one wins.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {

    public static final String PREFIX = "loadgen.";

    /** First-class option name to the producer property it sets. */
    public static final Map<String, String> PRODUCER_OPTIONS = Map.of(
            "bootstrap-servers", "bootstrap.servers",
            "acks", "acks",
            "linger-ms", "linger.ms",
            "batch-size", "batch.size",
            "compression", "compression.type",
            "max-in-flight", "max.in.flight.requests.per.connection",
            "buffer-memory", "buffer.memory",
            "client-id", "client.id");

    /**
     * Renamed options, new name to former name. The former name stays a hidden option, so scripts, manifests and CI
     * jobs that use it keep working: on the command line as itself, in env and config as a fallback key of the new
     * name ({@code LOADGEN_MESSAGES} when {@code LOADGEN_RECORDS} is not set).
     */
    static final Map<String, String> FORMER_NAMES = Map.of("records", "messages");

    /** Set by Kubernetes in every pod of an Indexed Job: --shard-index's value when nothing else gives one. */
    static final String SHARD_INDEX_ENV = "JOB_COMPLETION_INDEX";

    /** The environment variable that sets an option: {@code --linger-ms} (or {@code linger-ms}): LOADGEN_LINGER_MS. */
    static String envVar(String option) {
        return "LOADGEN_"
                + option.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The environment variable of a Kafka client setting, as quarkus-kafka-client reads it: KAFKA_LINGER_MS. */
    static String kafkaEnvVar(String setting) {
        return "KAFKA_" + setting.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private final Function<String, Optional<String>> config;

    public ConfigDefaultProvider() {
        this(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
    }

    /** @param config looks up a configuration key (tests pass a map) */
    public ConfigDefaultProvider(Function<String, Optional<String>> config) {
        this.config = config;
    }

    /**
     * One sender thread per core but one: the Kafka client's I/O thread (which sends, and fires every callback)
     * needs a core of its own. Side by side, one thread per core sent slower, with more CPU per record and a higher
     * p99 (bench/README.md, "Defaults from measurement").
     */
    static int defaultThreads(int processors) {
        return Math.max(1, processors - 1);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) return null;
        String name = option.longestName().replaceFirst("^-+", "");
        if (FORMER_NAMES.containsValue(name)) return null; // read through the option that replaced it
        // 'report' takes the fleet's size from the results themselves: loadgen.shard-count (1 unless set) is the run's.
        if (name.equals("shard-count")
                && option.command() != null
                && "report".equals(option.command().name())) return null;
        Optional<String> value = config.apply(PREFIX + name);
        if (value.isEmpty() && FORMER_NAMES.containsKey(name)) {
            value = config.apply(PREFIX + FORMER_NAMES.get(name));
        }
        if (value.isEmpty() && PRODUCER_OPTIONS.containsKey(name)) {
            value = config.apply("kafka." + PRODUCER_OPTIONS.get(name));
        }
        if (value.isEmpty() && name.equals("shard-index")) {
            value = config.apply(SHARD_INDEX_ENV);
        }
        if (value.isEmpty() && name.equals("threads")) {
            return String.valueOf(defaultThreads(Runtime.getRuntime().availableProcessors()));
        }
        return value.orElse(null);
    }
}
