package io.loadgen.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/**
 * The connection and producer options, shared by {@code run} and {@code tune} (a picocli mixin), so each is declared
 * once with one help text: where Kafka is, how many sender threads and producers, the producer's settings, and how
 * long to wait for Kafka when connecting and stopping. Values are checked in {@link SpecAssembler}.
 *
 * <p>{@code order} places each option in {@code tune --help}, after the tune's own; {@code run --help} shows them in
 * the sections of {@link HelpSections}.
 */
public class ProducerOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            order = 1,
            description = "Kafka bootstrap servers (also KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--threads",
            paramLabel = "N",
            order = 6,
            converter = Converters.IntCount.class,
            description =
                    "Sender threads; the default leaves one core for the Kafka client's I/O thread: available processors minus one, at least 1.")
    Integer threads;

    @Option(
            names = "--producers",
            paramLabel = "N",
            order = 7,
            converter = Converters.IntCount.class,
            description = "KafkaProducer instances shared by the threads.")
    Integer producers;

    @Option(names = "--acks", paramLabel = "0|1|all", order = 30, description = "Producer acks (also KAFKA_ACKS).")
    String acks;

    @Option(
            names = "--idempotence",
            paramLabel = "true|false",
            order = 38,
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "Idempotent producer: retries never write a record twice. Default: the Kafka client's choice, "
                            + "on with --acks all, off otherwise (the summary's settings show which). --idempotence needs --acks all.")
    Boolean idempotence;

    @Option(
            names = "--transactional",
            paramLabel = "true|false",
            order = 39,
            arity = "0..1",
            // picocli leaves the default of an optional-value boolean out of the help; these have one
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            fallbackValue = "true",
            description =
                    "Send in transactions: each sender thread its own transactional producer, committing every "
                            + "--transaction-interval; a record counts as sent only once its transaction committed. Needs --acks all.")
    Boolean transactional;

    @Option(
            names = "--transaction-interval",
            paramLabel = "TIME",
            order = 39,
            converter = Converters.DurationConverter.class,
            description = "With --transactional: time from a transaction's first record to its commit.")
    Duration transactionInterval;

    @Option(
            names = "--linger-ms",
            paramLabel = "MS",
            order = 31,
            converter = Converters.IntCount.class,
            description = "Producer linger.ms (also KAFKA_LINGER_MS).")
    Integer lingerMs;

    @Option(
            names = "--batch-size",
            paramLabel = "BYTES",
            order = 32,
            converter = Converters.IntCount.class,
            description = "Producer batch.size (also KAFKA_BATCH_SIZE).")
    Integer batchSize;

    @Option(
            names = "--compression",
            paramLabel = "none|gzip|snappy|lz4|zstd",
            order = 33,
            description = "Producer compression.type (also KAFKA_COMPRESSION_TYPE).")
    String compression;

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            order = 34,
            converter = Converters.IntCount.class,
            description = "Producer max.in.flight.requests.per.connection (above 5 needs enable.idempotence=false).")
    Integer maxInFlight;

    @Option(
            names = "--buffer-memory",
            paramLabel = "BYTES",
            order = 35,
            converter = Converters.Count.class,
            description = "Producer buffer.memory (also KAFKA_BUFFER_MEMORY).")
    Long bufferMemory;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            order = 36,
            description = "Producer client.id; with several producers each gets a -N suffix.")
    String clientId;

    @Option(
            names = "--producer-property",
            paramLabel = "KEY=VALUE",
            order = 37,
            showDefaultValue = Help.Visibility.NEVER,
            description = "Any producer property, passed through untouched; repeatable. Beats every other source.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(
            names = "--connect-timeout",
            paramLabel = "TIME",
            order = 43,
            converter = Converters.DurationConverter.class,
            description = "Give up (exit 1) if Kafka does not answer within this time.")
    Duration connectTimeout;

    @Option(
            names = "--stop-timeout",
            paramLabel = "TIME",
            order = 44,
            converter = Converters.DurationConverter.class,
            description =
                    "Once sending stops (count, duration or SIGINT/SIGTERM), wait at most this long for records in flight; "
                            + "those still unanswered are reported as unconfirmed. A second signal skips the wait.")
    Duration stopTimeout;
}
