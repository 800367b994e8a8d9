package io.loadgen.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code loadgen tune}. The connection, producer, topic and payload options have the names, config
 * keys and env vars of {@code loadgen run} ({@link RunOptions}), so a tune starts from exactly what a run would use;
 * the producer settings given here are where the search starts. The rest is the tune's own.
 */
public class TuneOptions {

    // --- the tune's own
    @Option(names = "--budget", paramLabel = "TIME", order = 1, converter = Converters.DurationConverter.class,
            description = "Total time for the whole tune, trials and set-up included; no trial starts that would not fit.")
    Duration budget;

    @Option(names = "--slo-p99", paramLabel = "TIME", order = 2,
            description = "Instead of maximum throughput: find the highest --rate whose p99 latency, from the intended send "
                    + "time, stays within TIME (20ms, 500us), and the settings that allow it.")
    String sloP99;

    @Option(names = "--trial-warmup", paramLabel = "TIME", order = 3, converter = Converters.DurationConverter.class,
            description = "Warm-up of each trial, sent but not measured.")
    Duration trialWarmup;

    @Option(names = "--trial-time", paramLabel = "TIME", order = 4, converter = Converters.DurationConverter.class,
            description = "Measured window of each trial, after its warm-up.")
    Duration trialTime;

    @Option(names = "--jvm-warmup", paramLabel = "TIME", order = 4, converter = Converters.DurationConverter.class,
            description = "Before the first trial, send with the starting settings this long, unmeasured: a fresh JVM "
                    + "compiles its hot code in its first seconds, which would make the first trial the slowest and every "
                    + "trial's figure lower than a long run's; 0 to skip.")
    Duration jvmWarmup;

    @Option(names = "--knobs", paramLabel = "LIST", order = 5,
            description = "Settings to search, in this order: any of threads, producers, compression, batch-size, linger-ms, "
                    + "max-in-flight. The others stay as given. acks and idempotence are never searched.")
    String knobs;

    @Option(names = "--topic-prefix", paramLabel = "NAME", order = 6,
            description = "Each trial sends to its own new topic NAME-<tune id>-<n>, created with --partitions and "
                    + "--replication-factor and deleted after the trial.")
    String topicPrefix;

    @Option(names = "--chart", paramLabel = "FILE", order = 7,
            description = "Write throughput against p99 latency of every trial as a self-contained HTML page (inline SVG, "
                    + "works offline); 'none' for no chart.")
    Path chart;

    @Option(names = "--tune-json", paramLabel = "FILE", order = 8,
            description = "Also write the trials, the best settings and the verdict as JSON to FILE.")
    Path tuneJson;

    // --- where the search starts, named as in 'loadgen run'
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", order = 10,
            description = "Kafka bootstrap servers (also KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--acks", paramLabel = "0|1|all", order = 11,
            description = "Producer acks, fixed for every trial: durability is never traded for speed.")
    String acks;

    @Option(names = "--idempotence", paramLabel = "true|false", order = 11, arity = "0..1", fallbackValue = "true",
            description = "Idempotent producer, fixed for every trial (default: the Kafka client's choice, as in 'loadgen run').")
    Boolean idempotence;

    @Option(names = "--transactional", paramLabel = "true|false", order = 11, arity = "0..1", fallbackValue = "true",
            description = "Send in transactions in every trial, as 'loadgen run --transactional' does; fixed.")
    Boolean transactional;

    @Option(names = "--transaction-interval", paramLabel = "TIME", order = 11, converter = Converters.DurationConverter.class,
            description = "With --transactional: time from a transaction's first record to its commit; fixed.")
    Duration transactionInterval;

    @Option(names = "--threads", paramLabel = "N", order = 12, converter = Converters.IntCount.class,
            description = "Sender threads to start from (available processors minus one, at least 1).")
    Integer threads;

    @Option(names = "--producers", paramLabel = "N", order = 13, converter = Converters.IntCount.class,
            description = "KafkaProducer instances to start from.")
    Integer producers;

    @Option(names = "--compression", paramLabel = "none|gzip|snappy|lz4|zstd", order = 14,
            description = "Producer compression.type to start from.")
    String compression;

    @Option(names = "--batch-size", paramLabel = "BYTES", order = 15, converter = Converters.IntCount.class,
            description = "Producer batch.size to start from.")
    Integer batchSize;

    @Option(names = "--linger-ms", paramLabel = "MS", order = 16, converter = Converters.IntCount.class,
            description = "Producer linger.ms to start from.")
    Integer lingerMs;

    @Option(names = "--max-in-flight", paramLabel = "N", order = 17, converter = Converters.IntCount.class,
            description = "Producer max.in.flight.requests.per.connection to start from (the search stays at 5 or below, "
                    + "which keeps idempotence possible).")
    Integer maxInFlight;

    @Option(names = "--buffer-memory", paramLabel = "BYTES", order = 18, converter = Converters.Count.class,
            description = "Producer buffer.memory, fixed.")
    Long bufferMemory;

    @Option(names = "--client-id", paramLabel = "ID", order = 19, description = "Producer client.id, fixed.")
    String clientId;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", order = 20, showDefaultValue = Help.Visibility.NEVER,
            description = "Any producer property, fixed for every trial (a searched one is where its search starts); repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--partitions", paramLabel = "N", order = 21, converter = Converters.IntCount.class,
            description = "Partitions of each trial's topic.")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", order = 22, converter = Converters.IntCount.class,
            description = "Replication factor of each trial's topic.")
    Integer replicationFactor;

    // --- payload, as in 'loadgen run'
    @Option(names = "--payload", paramLabel = "seed|fixed|file", order = 30, description = "Record values, as in 'loadgen run'.")
    String payload;

    @Option(names = "--record-size", paramLabel = "BYTES", order = 31, converter = Converters.IntCount.class,
            description = "Value size for --payload fixed.")
    Integer recordSize;

    @Option(names = "--payload-file", paramLabel = "FILE", order = 32, description = "File of records, one per line.")
    Path payloadFile;

    @Option(names = "--keys", paramLabel = "none|resource-id|random", order = 33, description = "Record keys.")
    String keys;

    @Option(names = "--connect-timeout", paramLabel = "TIME", order = 40, converter = Converters.DurationConverter.class,
            description = "Give up (exit 1) if Kafka does not answer within this time.")
    Duration connectTimeout;

    @Option(names = "--stop-timeout", paramLabel = "TIME", order = 41, converter = Converters.DurationConverter.class,
            description = "On SIGINT/SIGTERM, wait this long for the current trial's records in flight.")
    Duration stopTimeout;
}
