package io.loadgen.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run needs, resolved and validated. Immutable; the engine receives this and nothing else.
 *
 * @param runId             names this run in results and metrics
 * @param topic             where records go
 * @param messages          stop after this many records ({@link #UNLIMITED} with a duration only)
 * @param duration          stop after this long, or {@code null}
 * @param ratePerSecond     target records/s over all threads; 0 sends as fast as the client takes them
 * @param threads           sender threads
 * @param producers         KafkaProducer instances shared by the threads
 * @param warmup            sent but left out of the statistics
 * @param topicSetup        whether and how to create the topic
 * @param payload           record contents and keys
 * @param producerConfig    the Kafka producer properties, passed to the client untouched
 * @param reportInterval    time between progress reports
 * @param connectTimeout    how long to wait for the cluster before giving up
 * @param stopTimeout       how long to wait for records in flight when stopping early
 */
public record LoadSpec(String runId, String topic, long messages, Duration duration, double ratePerSecond,
                       int threads, int producers, Warmup warmup, TopicSetup topicSetup, PayloadSpec payload,
                       Map<String, String> producerConfig, Duration reportInterval, Duration connectTimeout,
                       Duration stopTimeout) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Whether and how the engine creates the topic when it is absent. */
    public record TopicSetup(boolean create, int partitions, short replicationFactor) {
    }

    public LoadSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(payload, "payload");
        producerConfig = Map.copyOf(producerConfig);
    }

    public boolean rateLimited() {
        return ratePerSecond > 0;
    }

    /** The settings as a user would want them printed: ordered, secrets masked. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run-id", runId);
        m.put("topic", topic);
        m.put("messages", messages == UNLIMITED ? "unlimited" : messages);
        m.put("duration", duration == null ? "unlimited" : Durations.format(duration));
        m.put("rate", rateLimited() ? ratePerSecond : "unlimited");
        m.put("threads", threads);
        m.put("producers", producers);
        m.put("warmup", warmup.toString());
        m.put("payload", payload.toString());
        if (topicSetup.create()) {
            m.put("create-topic", "partitions=" + topicSetup.partitions() + ", replication-factor=" + topicSetup.replicationFactor());
        }
        m.put("producer", Secrets.masked(producerConfig));
        return m;
    }
}
