package io.loadgen.cli;

import picocli.CommandLine.Help;
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
            description = "Sender threads; the default is the number of available processors.")
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

    @Option(names = "--keys", paramLabel = "none|resource-id|random", order = 25,
            description = "Record keys: none, the record's ResourceID, or random.")
    String keys;

    @Option(names = "--seed", paramLabel = "N", order = 26, converter = Converters.Count.class,
            description = "Seed of the pseudo-random choices (levels, keys, fixed payloads).")
    Long seed;

    // --- producer
    @Option(names = "--acks", paramLabel = "0|1|all", order = 30, description = "Producer acks (also KAFKA_ACKS).")
    String acks;

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
}
