package io.loadgen.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options of a run. Each long name is also a config key under {@code loadgen.} and an env var
 * {@code LOADGEN_<NAME>}; defaults come from {@link ConfigDefaultProvider}, so they live in application.properties.
 * Values are checked in {@link SpecAssembler}, not here. The connection, producer, topic layout and payload options
 * that {@code loadgen tune} takes too live in the mixins {@link ProducerOptions} and {@link TopicAndPayloadOptions},
 * declared once for both commands. {@code run --help} shows all of them in the sections of {@link HelpSections}.
 */
public class RunOptions {

    /** The command these options were parsed for: tells what the command line gave from what config defaulted. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec parsedBy;

    /** Whether the command line gave this option (not env, not config): the command line beats both. */
    boolean onCommandLine(String option) {
        ParseResult parsed = parsedBy == null || parsedBy.commandLine() == null
                ? null
                : parsedBy.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    // --- where and how much
    @Option(names = "--topic", paramLabel = "NAME", order = 2, description = "Topic to send to.")
    String topic;

    @Option(
            names = "--records",
            paramLabel = "N",
            order = 3,
            converter = Converters.Count.class,
            description = "Stop after N records (2m = 2,000,000; 1.5k). When not set anywhere: 2000000, or no limit "
                    + "with --duration. --messages (LOADGEN_MESSAGES) is its former name and still works.")
    Long records;

    /**
     * The former name of {@code --records}, hidden from help. A separate option rather than a second name, so that an
     * error names the option the user typed (picocli names an option by its longest name).
     */
    @Option(
            names = "--messages",
            paramLabel = "N",
            hidden = true,
            converter = Converters.Count.class,
            description = "Former name of --records.")
    Long formerRecords;

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            order = 4,
            converter = Converters.DurationConverter.class,
            description = "Stop after this long (30s, 5m, 1h), or at --records, whichever comes first.")
    Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "RECORDS/S",
            order = 5,
            converter = Converters.Rate.class,
            description =
                    "Target records/s over all threads, paced open-loop from a schedule; 0 = as fast as possible.")
    Double rate;

    @Option(
            names = "--warmup",
            paramLabel = "N|TIME",
            order = 8,
            description = "Records (10000) or time (5s) sent first and left out of rates and latencies.")
    String warmup;

    @Option(
            names = "--create-topic",
            paramLabel = "true|false",
            order = 9,
            arity = "0..1",
            // picocli leaves the default of an optional-value boolean out of the help; these have one
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            fallbackValue = "true",
            description = "Create the topic if it is absent.")
    Boolean createTopic;

    // --- load shapes: alternatives to a constant --rate
    @Option(
            names = "--ramp",
            paramLabel = "FROM:TO:TIME",
            order = 12,
            description =
                    "Instead of --rate: ramp linearly from FROM to TO records/s over TIME (1k:50k:60s), then hold TO. "
                            + "Without --duration or --records the run lasts TIME.")
    String ramp;

    @Option(
            names = "--steps",
            paramLabel = "RATE:TIME[,...]",
            order = 13,
            description =
                    "Instead of --rate: hold each RATE for its TIME in turn (10k:30s,20k:30s,50k:1m), then hold the last. "
                            + "Without --duration or --records the run lasts the sum of the TIMEs.")
    String steps;

    // --- payload
    @Option(
            names = "--level-weights",
            paramLabel = "W",
            order = 23,
            description = "Weights of INFO,WARN,ERROR,DEBUG: 1,1,1,1 or INFO=70,WARN=20,ERROR=5,DEBUG=5.")
    String levelWeights;

    @Option(
            names = "--resource-cardinality",
            paramLabel = "N",
            order = 24,
            converter = Converters.IntCount.class,
            description = "Distinct ResourceIDs: resource-0 .. resource-(N-1).")
    Integer resourceCardinality;

    @Option(
            names = "--sequence-header",
            paramLabel = "true|false",
            order = 27,
            arity = "0..1",
            // picocli leaves the default of an optional-value boolean out of the help; these have one
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            fallbackValue = "true",
            description =
                    "Put a 'loadgen.seq' header on every record (run id, shard, sender, sequence) for 'loadgen verify'; "
                            + "costs about 10%% of the unpaced send rate.")
    Boolean sequenceHeader;

    @Option(
            names = "--seed",
            paramLabel = "N",
            order = 26,
            converter = Converters.Count.class,
            description = "Seed of the pseudo-random choices (levels, keys, fixed payloads).")
    Long seed;

    // --- shared with 'loadgen tune': connection, producer and its settings, --connect-timeout, --stop-timeout
    @Mixin
    ProducerOptions producer = new ProducerOptions();

    // --- shared with 'loadgen tune': the layout of a created topic, record values and keys
    @Mixin
    TopicAndPayloadOptions topicAndPayload = new TopicAndPayloadOptions();

    // --- reporting and lifecycle
    @Option(
            names = "--report-interval",
            paramLabel = "TIME",
            order = 40,
            converter = Converters.DurationConverter.class,
            description = "Time between progress lines.")
    Duration reportInterval;

    @Option(
            names = "--summary-json",
            paramLabel = "FILE",
            order = 41,
            description = "Also write the summary as JSON to FILE.")
    Path summaryJson;

    @Option(
            names = "--report-html",
            paramLabel = "FILE",
            order = 43,
            description =
                    "Also write the run as one self-contained HTML page to FILE: throughput, latency and errors "
                            + "over time, latency percentiles, the groups' lag, gates and settings (no network needed to open it).")
    Path reportHtml;

    @Option(
            names = "--histogram-log",
            paramLabel = "FILE",
            order = 44,
            description = "Also write HdrHistogram's interval log to FILE as the run goes: one histogram per "
                    + "--report-interval, tagged send-to-ack (and intended, schedule-delay when paced), values in "
                    + "microseconds; for HistogramLogAnalyzer.")
    Path histogramLog;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            order = 42,
            description = "Name of this run in results and metrics (default: generated from the start time).")
    String runId;

    @Option(
            names = "--metrics-linger",
            paramLabel = "TIME",
            order = 45,
            converter = Converters.DurationConverter.class,
            description = "After the summary, keep /q/metrics and /q/health up this long for a last Prometheus scrape "
                    + "(skipped when interrupted); SIGTERM or SIGINT ends the wait at once.")
    Duration metricsLinger;

    // --- SLO gates: a run that misses one exits 3
    @Mixin
    GateOptions gates = new GateOptions();

    // --- consumer groups downstream, watched while loading
    @Mixin
    WatchOptions watch = new WatchOptions();

    // --- scale-out: one process of a fleet (a Kubernetes Indexed Job)
    @Option(
            names = "--shard-count",
            paramLabel = "N",
            order = 60,
            converter = Converters.IntCount.class,
            description = "Processes sharing this run; each sends its exact share of --records and --rate, and a "
                    + "disjoint range of Message numbers. Needs the same --run-id on every shard.")
    Integer shardCount;

    @Option(
            names = "--shard-index",
            paramLabel = "K",
            order = 61,
            converter = Converters.IntCount.class,
            description = "This process's shard, 0..N-1 (default: env JOB_COMPLETION_INDEX, set by Kubernetes for an "
                    + "Indexed Job, else 0).")
    Integer shardIndex;

    @Option(
            names = "--barrier",
            paramLabel = "true|false",
            order = 62,
            arity = "0..1",
            // picocli leaves the default of an optional-value boolean out of the help; these have one
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            fallbackValue = "true",
            description = "With several shards, wait until all of them are ready (through --control-topic) before "
                    + "the clock starts.")
    Boolean barrier;

    @Option(
            names = "--barrier-timeout",
            paramLabel = "TIME",
            order = 63,
            converter = Converters.DurationConverter.class,
            description = "Give up (exit 1, naming the missing shards) if not all shards are ready by then.")
    Duration barrierTimeout;

    @Option(
            names = "--control-topic",
            paramLabel = "TOPIC",
            order = 64,
            description = "Topic carrying the start barrier.")
    String controlTopic;

    @Option(
            names = "--results-topic",
            paramLabel = "TOPIC",
            order = 65,
            description =
                    "Topic each shard publishes its result to (with its latency histograms), for 'loadgen report'.")
    String resultsTopic;

    @Option(
            names = "--publish-result",
            paramLabel = "true|false",
            order = 66,
            arity = "0..1",
            fallbackValue = "true",
            description = "Publish this run's result to --results-topic (default: only when --shard-count is above 1).")
    Boolean publishResult;

    @Option(
            names = "--fleet-report",
            paramLabel = "true|false",
            order = 67,
            arity = "0..1",
            // picocli leaves the default of an optional-value boolean out of the help; these have one
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            fallbackValue = "true",
            description = "Shard 0 collects every shard's result after its own run and prints the fleet report.")
    Boolean fleetReport;

    @Option(
            names = "--collect-timeout",
            paramLabel = "TIME",
            order = 68,
            converter = Converters.DurationConverter.class,
            description = "How long shard 0 waits for the other shards' results for the fleet report.")
    Duration collectTimeout;

    @Option(
            names = "--result-file",
            paramLabel = "FILE",
            order = 69,
            description = "Also write this shard's result, histograms included, for 'loadgen report FILE...'.")
    java.nio.file.Path resultFile;
}
