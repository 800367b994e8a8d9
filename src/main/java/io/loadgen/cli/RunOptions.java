package io.loadgen.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a run. Each long name is also a config key under {@code loadgen.} and an env var
 * {@code LOADGEN_<NAME>}; defaults come from {@link ConfigDefaultProvider}, so they live in application.properties.
 * Values are checked in {@link SpecAssembler}, not here.
 */
public class RunOptions {

    // --- where and how much
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", order = 1,
            description = "Kafka bootstrap servers (also KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "NAME", order = 2, description = "Topic to send to.")
    String topic;

    @Option(names = "--messages", paramLabel = "N", order = 3, converter = Converters.Count.class,
            description = "Stop after N records (2m = 2,000,000). Default: 2000000, or no limit when --duration is given without it.")
    Long messages;

    @Option(names = "--duration", paramLabel = "TIME", order = 4, converter = Converters.DurationConverter.class,
            description = "Stop after this long (30s, 5m, 1h), or at --messages, whichever comes first.")
    Duration duration;

    @Option(names = "--rate", paramLabel = "RECORDS/S", order = 5, converter = Converters.Rate.class,
            description = "Target records/s over all threads, paced open-loop from a schedule; 0 = as fast as possible.")
    Double rate;

    @Option(names = "--threads", paramLabel = "N", order = 6, converter = Converters.IntCount.class,
            description = "Sender threads; the default leaves one core for the Kafka client's I/O thread: available processors minus one, at least 1.")
    Integer threads;

    @Option(names = "--producers", paramLabel = "N", order = 7, converter = Converters.IntCount.class,
            description = "KafkaProducer instances shared by the threads.")
    Integer producers;

    @Option(names = "--warmup", paramLabel = "N|TIME", order = 8,
            description = "Records (10000) or time (5s) sent first and left out of rates and latencies.")
    String warmup;

    @Option(names = "--create-topic", paramLabel = "true|false", order = 9, arity = "0..1", fallbackValue = "true",
            description = "Create the topic if it is absent.")
    Boolean createTopic;

    @Option(names = "--partitions", paramLabel = "N", order = 10, converter = Converters.IntCount.class,
            description = "Partitions of a created topic.")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", order = 11, converter = Converters.IntCount.class,
            description = "Replication factor of a created topic.")
    Integer replicationFactor;

    // --- load shapes: alternatives to a constant --rate
    @Option(names = "--ramp", paramLabel = "FROM:TO:TIME", order = 12,
            description = "Instead of --rate: ramp linearly from FROM to TO records/s over TIME (1k:50k:60s), then hold TO. "
                    + "Without --duration the run lasts TIME.")
    String ramp;

    @Option(names = "--steps", paramLabel = "RATE:TIME[,...]", order = 13,
            description = "Instead of --rate: hold each RATE for its TIME in turn (10k:30s,20k:30s,50k:1m), then hold the last. "
                    + "Without --duration the run lasts the sum of the TIMEs.")
    String steps;

    // --- payload
    @Option(names = "--payload", paramLabel = "seed|fixed|file", order = 20,
            description = "Record values: seed (JSON log line), fixed (--record-size random letters), file (--payload-file lines).")
    String payload;

    @Option(names = "--record-size", paramLabel = "BYTES", order = 21, converter = Converters.IntCount.class,
            description = "Value size for --payload fixed.")
    Integer recordSize;

    @Option(names = "--payload-file", paramLabel = "FILE", order = 22,
            description = "File of records, one per line (implies --payload file).")
    Path payloadFile;

    @Option(names = "--level-weights", paramLabel = "W", order = 23,
            description = "Weights of INFO,WARN,ERROR,DEBUG: 1,1,1,1 or INFO=70,WARN=20,ERROR=5,DEBUG=5.")
    String levelWeights;

    @Option(names = "--resource-cardinality", paramLabel = "N", order = 24, converter = Converters.IntCount.class,
            description = "Distinct ResourceIDs: resource-0 .. resource-(N-1).")
    Integer resourceCardinality;

    @Option(names = "--sequence-header", paramLabel = "true|false", order = 27, arity = "0..1", fallbackValue = "true",
            description = "Put a 'loadgen.seq' header on every record (run id, shard, sender, sequence) for 'loadgen verify'; "
                    + "costs about 10%% of the unpaced send rate.")
    Boolean sequenceHeader;

    @Option(names = "--keys", paramLabel = "none|resource-id|random", order = 25,
            description = "Record keys: none, the record's ResourceID, or random.")
    String keys;

    @Option(names = "--seed", paramLabel = "N", order = 26, converter = Converters.Count.class,
            description = "Seed of the pseudo-random choices (levels, keys, fixed payloads).")
    Long seed;

    // --- producer
    @Option(names = "--acks", paramLabel = "0|1|all", order = 30, description = "Producer acks (also KAFKA_ACKS).")
    String acks;

    @Option(names = "--idempotence", paramLabel = "true|false", order = 38, arity = "0..1", fallbackValue = "true",
            description = "Idempotent producer: retries never write a record twice. Default: the Kafka client's choice, "
                    + "on with --acks all, off otherwise (the summary's settings show which). --idempotence needs --acks all.")
    Boolean idempotence;

    @Option(names = "--transactional", paramLabel = "true|false", order = 39, arity = "0..1", fallbackValue = "true",
            description = "Send in transactions: each sender thread its own transactional producer, committing every "
                    + "--transaction-interval; a record counts as sent only once its transaction committed. Needs --acks all.")
    Boolean transactional;

    @Option(names = "--transaction-interval", paramLabel = "TIME", order = 39, converter = Converters.DurationConverter.class,
            description = "With --transactional: time from a transaction's first record to its commit.")
    Duration transactionInterval;

    @Option(names = "--linger-ms", paramLabel = "MS", order = 31, converter = Converters.IntCount.class,
            description = "Producer linger.ms (also KAFKA_LINGER_MS).")
    Integer lingerMs;

    @Option(names = "--batch-size", paramLabel = "BYTES", order = 32, converter = Converters.IntCount.class,
            description = "Producer batch.size (also KAFKA_BATCH_SIZE).")
    Integer batchSize;

    @Option(names = "--compression", paramLabel = "none|gzip|snappy|lz4|zstd", order = 33,
            description = "Producer compression.type (also KAFKA_COMPRESSION_TYPE).")
    String compression;

    @Option(names = "--max-in-flight", paramLabel = "N", order = 34, converter = Converters.IntCount.class,
            description = "Producer max.in.flight.requests.per.connection (above 5 needs enable.idempotence=false).")
    Integer maxInFlight;

    @Option(names = "--buffer-memory", paramLabel = "BYTES", order = 35, converter = Converters.Count.class,
            description = "Producer buffer.memory (also KAFKA_BUFFER_MEMORY).")
    Long bufferMemory;

    @Option(names = "--client-id", paramLabel = "ID", order = 36,
            description = "Producer client.id; with several producers each gets a -N suffix.")
    String clientId;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", order = 37, showDefaultValue = Help.Visibility.NEVER,
            description = "Any producer property, passed through untouched; repeatable. Beats every other source.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    // --- reporting and lifecycle
    @Option(names = "--report-interval", paramLabel = "TIME", order = 40, converter = Converters.DurationConverter.class,
            description = "Time between progress lines.")
    Duration reportInterval;

    @Option(names = "--summary-json", paramLabel = "FILE", order = 41,
            description = "Also write the summary as JSON to FILE.")
    Path summaryJson;

    @Option(names = "--run-id", paramLabel = "ID", order = 42,
            description = "Name of this run in results and metrics (default: generated from the start time).")
    String runId;

    @Option(names = "--connect-timeout", paramLabel = "TIME", order = 43, converter = Converters.DurationConverter.class,
            description = "Give up (exit 1) if Kafka does not answer within this time.")
    Duration connectTimeout;

    @Option(names = "--stop-timeout", paramLabel = "TIME", order = 44, converter = Converters.DurationConverter.class,
            description = "On SIGINT/SIGTERM, wait this long for records in flight before giving up on them.")
    Duration stopTimeout;

    @Option(names = "--metrics-linger", paramLabel = "TIME", order = 45, converter = Converters.DurationConverter.class,
            description = "After the summary, keep /q/metrics and /q/health up this long for a last Prometheus scrape "
                    + "(skipped when interrupted); SIGTERM or SIGINT ends the wait at once.")
    Duration metricsLinger;

    // --- SLO gates: a run that misses one exits 3
    @Mixin
    GateOptions gates = new GateOptions();

    // --- scale-out: one process of a fleet (a Kubernetes Indexed Job)
    @Option(names = "--shard-count", paramLabel = "N", order = 60, converter = Converters.IntCount.class,
            description = "Processes sharing this run; each sends its exact share of --messages and --rate, and a "
                    + "disjoint range of Message numbers. Needs the same --run-id on every shard.")
    Integer shardCount;

    @Option(names = "--shard-index", paramLabel = "K", order = 61, converter = Converters.IntCount.class,
            description = "This process's shard, 0..N-1 (default: env JOB_COMPLETION_INDEX, set by Kubernetes for an "
                    + "Indexed Job, else 0).")
    Integer shardIndex;

    @Option(names = "--barrier", paramLabel = "true|false", order = 62, arity = "0..1", fallbackValue = "true",
            description = "With several shards, wait until all of them are ready (through --control-topic) before "
                    + "the clock starts.")
    Boolean barrier;

    @Option(names = "--barrier-timeout", paramLabel = "TIME", order = 63, converter = Converters.DurationConverter.class,
            description = "Give up (exit 1, naming the missing shards) if not all shards are ready by then.")
    Duration barrierTimeout;

    @Option(names = "--control-topic", paramLabel = "TOPIC", order = 64, description = "Topic carrying the start barrier.")
    String controlTopic;

    @Option(names = "--results-topic", paramLabel = "TOPIC", order = 65,
            description = "Topic each shard publishes its result to (with its latency histograms), for 'loadgen report'.")
    String resultsTopic;

    @Option(names = "--publish-result", paramLabel = "true|false", order = 66, arity = "0..1", fallbackValue = "true",
            description = "Publish this run's result to --results-topic (default: only when --shard-count is above 1).")
    Boolean publishResult;

    @Option(names = "--fleet-report", paramLabel = "true|false", order = 67, arity = "0..1", fallbackValue = "true",
            description = "Shard 0 collects every shard's result after its own run and prints the fleet report.")
    Boolean fleetReport;

    @Option(names = "--collect-timeout", paramLabel = "TIME", order = 68, converter = Converters.DurationConverter.class,
            description = "How long shard 0 waits for the other shards' results for the fleet report.")
    Duration collectTimeout;

    @Option(names = "--result-file", paramLabel = "FILE", order = 69,
            description = "Also write this shard's result, histograms included, for 'loadgen report FILE...'.")
    java.nio.file.Path resultFile;
}
