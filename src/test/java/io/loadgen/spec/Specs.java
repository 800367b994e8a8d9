package io.loadgen.spec;

import java.time.Duration;
import java.util.Map;

/**
 * Builds a {@link LoadSpec} for tests, through its one canonical constructor: a test names what matters to it and
 * leaves the rest at these defaults (the application's defaults, with the test profile's intervals):
 * a single shard, topic {@code logs}, 1,000 records, no duration, unpaced, one thread and one producer, no warm-up,
 * the topic not created (6 partitions, replication factor 1 if it were), the seed payload, no producer settings,
 * reports every second, a 10 s connect and stop timeout, no SLO gates, no sequence header, no transactions.
 */
public final class Specs {

    private String runId = "test";
    private String topic = "logs";
    private long records = 1_000;
    private Duration duration;
    private RateShape rate;
    private int threads = 1;
    private int producers = 1;
    private Warmup warmup = Warmup.NONE;
    private boolean createTopic;
    private int partitions = 6;
    private short replicationFactor = 1;
    private PayloadSpec payload = seedPayload();
    private Map<String, String> producerConfig = Map.of();
    private Duration reportInterval = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private boolean sequenceHeader;
    private Transactions transactions;

    private Specs() {}

    /** The seed payload with the app's defaults: equal level weights, 10 resources, no keys, seed 42. */
    public static PayloadSpec seedPayload() {
        return new PayloadSpec(
                PayloadType.SEED,
                Distribution.constant(124),
                null,
                null,
                new int[] {1, 1, 1, 1},
                10,
                KeyStrategy.NONE,
                null,
                42);
    }

    public static Specs builder() {
        return new Specs();
    }

    public Specs runId(String runId) {
        this.runId = runId;
        return this;
    }

    public Specs topic(String topic) {
        this.topic = topic;
        return this;
    }

    /** {@link Workload#UNLIMITED} with a duration only. */
    public Specs records(long records) {
        this.records = records;
        return this;
    }

    public Specs duration(Duration duration) {
        this.duration = duration;
        return this;
    }

    /** The target rate's curve; {@code null} sends as fast as the client takes records. */
    public Specs rate(RateShape rate) {
        this.rate = rate;
        return this;
    }

    /** A constant target rate in records/s; 0 sends as fast as the client takes records. */
    public Specs rate(double perSecond) {
        return rate(perSecond > 0 ? new RateShape.Constant(perSecond) : null);
    }

    public Specs threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Ignored by a transactional spec, which has one producer per sender thread. */
    public Specs producers(int producers) {
        this.producers = producers;
        return this;
    }

    public Specs warmup(Warmup warmup) {
        this.warmup = warmup;
        return this;
    }

    public Specs topicSetup(boolean create, int partitions, short replicationFactor) {
        this.createTopic = create;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        return this;
    }

    public Specs payload(PayloadSpec payload) {
        this.payload = payload;
        return this;
    }

    public Specs producerConfig(Map<String, String> producerConfig) {
        this.producerConfig = producerConfig;
        return this;
    }

    public Specs reportInterval(Duration reportInterval) {
        this.reportInterval = reportInterval;
        return this;
    }

    public Specs connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    public Specs stopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    public Specs sequenceHeader(boolean sequenceHeader) {
        this.sequenceHeader = sequenceHeader;
        return this;
    }

    /**
     * A transactional run: one producer per sender thread, as {@code run} assembles it (the spec refuses other
     * counts).
     */
    public Specs transactions(Transactions transactions) {
        this.transactions = transactions;
        return this;
    }

    public LoadSpec build() {
        return new LoadSpec(
                runId,
                Placement.SINGLE,
                new TopicSpec(topic, createTopic, partitions, replicationFactor),
                new Workload(records, duration, rate, warmup),
                new Senders(threads, transactions == null ? producers : threads),
                payload,
                new Delivery(producerConfig, transactions, sequenceHeader),
                new Timing(reportInterval, connectTimeout, stopTimeout),
                SloGates.NONE,
                GroupWatch.NONE);
    }
}
