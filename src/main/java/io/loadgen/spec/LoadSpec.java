package io.loadgen.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run needs, resolved and validated. Immutable; the engine receives this and nothing else.
 *
 * @param runId             names this run in results and metrics
 * @param shard             this process's place in a scaled-out run ({@link ShardSpec#SINGLE} when alone); its index
 *                          labels the metrics
 * @param firstPosition     the first record position (Message number) of this shard's range; 0 when alone
 * @param topic             where records go
 * @param messages          stop after this many records ({@link #UNLIMITED} with a duration only)
 * @param duration          stop after this long, or {@code null}
 * @param rate              target records/s over all threads and how it changes; {@code null} sends as fast as the
 *                          client takes them
 * @param threads           sender threads
 * @param producers         KafkaProducer instances shared by the threads
 * @param warmup            sent but left out of the statistics
 * @param topicSetup        whether and how to create the topic
 * @param payload           record contents and keys
 * @param producerConfig    the Kafka producer properties, passed to the client untouched
 * @param reportInterval    time between progress reports
 * @param connectTimeout    how long to wait for the cluster before giving up
 * @param stopTimeout       how long to wait for records in flight when stopping early
 * @param gates             SLO limits the run must meet to pass
 * @param sequenceHeader    whether every record carries the header that {@code loadgen verify} checks
 * @param transactions      how a transactional run commits, or {@code null} for a run without transactions; when set,
 *                          {@code producers} equals {@code threads}: a producer's transaction is not per thread
 */
public record LoadSpec(
        String runId,
        ShardSpec shard,
        long firstPosition,
        String topic,
        long messages,
        Duration duration,
        RateShape rate,
        int threads,
        int producers,
        Warmup warmup,
        TopicSetup topicSetup,
        PayloadSpec payload,
        Map<String, String> producerConfig,
        Duration reportInterval,
        Duration connectTimeout,
        Duration stopTimeout,
        SloGates gates,
        boolean sequenceHeader,
        Transactions transactions) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    /** The Kafka client's own defaults of the settings we print, for when the config leaves them out. */
    private static final Map<String, String> CLIENT_DEFAULTS =
            Map.of("acks", "all", "compression.type", "none", "linger.ms", "5", "batch.size", "16384");

    /** Whether and how the engine creates the topic when it is absent. */
    public record TopicSetup(boolean create, int partitions, short replicationFactor) {}

    public LoadSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(payload, "payload");
        producerConfig = Map.copyOf(producerConfig);
        shard = shard == null ? ShardSpec.SINGLE : shard;
        gates = gates == null ? SloGates.NONE : gates;
        if (transactions != null && producers != threads) {
            throw new IllegalArgumentException("a transactional run has one producer per sender thread; got "
                    + producers + " producers for " + threads + " threads");
        }
    }

    public boolean rateLimited() {
        return rate != null;
    }

    public boolean transactional() {
        return transactions != null;
    }

    /**
     * Whether the producer is idempotent. The spec assembler writes the client's own resolution into the config, so
     * this reads it back; absent (a spec built by hand), it is the client's default rule for acks.
     */
    public boolean idempotent() {
        String v = producerConfig.get("enable.idempotence");
        if (v != null) return Boolean.parseBoolean(v.trim());
        String acks = producerSetting("acks").trim();
        return acks.equals("all") || acks.equals("-1");
    }

    /**
     * Sent with acks=0: the client calls a record sent once it is written to the network, and the broker confirms
     * nothing, so records lost at a broker restart are counted as sent.
     */
    public boolean fireAndForget() {
        return producerSetting("acks").trim().equals("0");
    }

    /** A producer setting as the client will use it: configured, or the client's default for the ones we print. */
    public String producerSetting(String key) {
        return producerConfig.getOrDefault(key, CLIENT_DEFAULTS.get(key));
    }

    /** The settings as a user would want them printed: ordered, secrets masked. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run-id", runId);
        m.put("topic", topic);
        m.put("messages", messages == UNLIMITED ? "unlimited" : messages);
        m.put("duration", duration == null ? "unlimited" : Durations.format(duration));
        m.put(
                "rate",
                rate == null
                        ? "unlimited"
                        : rate instanceof RateShape.Constant c ? c.ratePerSecond() : rate.describe());
        m.put("threads", threads);
        m.put("producers", producers);
        m.put("warmup", warmup.toString());
        m.put("payload", payload.toString());
        if (topicSetup.create()) {
            m.put(
                    "create-topic",
                    "partitions=" + topicSetup.partitions() + ", replication-factor=" + topicSetup.replicationFactor());
        }
        if (!shard.single()) m.put("shard", shard + " (Message numbers from " + firstPosition + ")");
        if (!gates.isEmpty()) m.put("gates", gates.describe());
        if (!sequenceHeader) m.put("sequence-header", "off");
        m.put("idempotence", idempotent() ? "on" : "off");
        if (transactions != null) m.put("transactions", transactions.describe());
        m.put("producer", Secrets.masked(producerConfig));
        return m;
    }
}
