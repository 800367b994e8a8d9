package io.loadgen.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code loadgen tune}. The connection, producer, topic layout and payload options are those of
 * {@code loadgen run}, the same mixins ({@link ProducerOptions}, {@link TopicAndPayloadOptions}) with the same config
 * keys and env vars, so a tune starts from exactly what a run would use; the producer settings given are where the
 * search starts. The rest is the tune's own.
 */
public class TuneOptions {

    // --- the tune's own. Order 0 puts them first in --help, as declared here: the shared options carry 1 and up.
    @Option(
            names = "--budget",
            paramLabel = "TIME",
            order = 0,
            converter = Converters.DurationConverter.class,
            description =
                    "Total time for the whole tune, trials and set-up included; no trial starts that would not fit.")
    Duration budget;

    @Option(
            names = "--slo-p99",
            paramLabel = "TIME",
            order = 0,
            description =
                    "Instead of maximum throughput: find the highest --rate whose p99 latency, from the intended send "
                            + "time, stays within TIME (20ms, 500us), and the settings that allow it.")
    String sloP99;

    @Option(
            names = "--trial-warmup",
            paramLabel = "TIME",
            order = 0,
            converter = Converters.DurationConverter.class,
            description = "Warm-up of each trial, sent but not measured.")
    Duration trialWarmup;

    @Option(
            names = "--trial-time",
            paramLabel = "TIME",
            order = 0,
            converter = Converters.DurationConverter.class,
            description = "Measured window of each trial, after its warm-up.")
    Duration trialTime;

    @Option(
            names = "--jvm-warmup",
            paramLabel = "TIME",
            order = 0,
            converter = Converters.DurationConverter.class,
            description = "Before the first trial, send with the starting settings this long, unmeasured: a fresh JVM "
                    + "compiles its hot code in its first seconds, which would make the first trial the slowest and every "
                    + "trial's figure lower than a long run's; 0 to skip.")
    Duration jvmWarmup;

    @Option(
            names = "--target",
            paramLabel = "throughput|group:NAME",
            order = 0,
            description =
                    "What to find: the producer settings with the most records/s (throughput), or the capacity of "
                            + "consumer group NAME downstream of --topic: the highest --rate at which its lag stays bounded "
                            + "and drains, from trials on the real topic.")
    String target;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            order = 0,
            description = "With --target group:NAME: the topic the group reads, which the trials load (it must exist).")
    String topic;

    @Option(
            names = "--start-rate",
            paramLabel = "RECORDS/S",
            order = 0,
            converter = Converters.Rate.class,
            description =
                    "With --target group:NAME: the first trial's --rate; it doubles until the group falls behind.")
    Double startRate;

    @Option(
            names = "--knobs",
            paramLabel = "LIST",
            order = 0,
            description =
                    "Settings to search, in this order: any of threads, producers, compression, batch-size, linger-ms, "
                            + "max-in-flight. The others stay as given. acks and idempotence are never searched.")
    String knobs;

    @Option(
            names = "--topic-prefix",
            paramLabel = "NAME",
            order = 0,
            description = "Each trial sends to its own new topic NAME-<tune id>-<n>, created with --partitions and "
                    + "--replication-factor and deleted after the trial.")
    String topicPrefix;

    @Option(
            names = "--chart",
            paramLabel = "FILE",
            order = 0,
            description =
                    "Write throughput against p99 latency of every trial as a self-contained HTML page (inline SVG, "
                            + "works offline); 'none' for no chart.")
    Path chart;

    @Option(
            names = "--tune-json",
            paramLabel = "FILE",
            order = 0,
            description = "Also write the trials, the best settings and the verdict as JSON to FILE.")
    Path tuneJson;

    // --- where the search starts and what stays fixed: the options of 'loadgen run', declared once for both
    @Mixin
    ProducerOptions producer = new ProducerOptions();

    @Mixin
    TopicAndPayloadOptions topicAndPayload = new TopicAndPayloadOptions();
}
