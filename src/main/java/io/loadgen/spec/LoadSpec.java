package io.loadgen.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run needs, resolved and validated. Immutable; the engine receives this and nothing else. Grouped
 * into named parts so each setting has one name and one home: a check about one part is in that part, and this checks
 * only what spans parts (a transactional run's producer count).
 *
 * @param runId     names this run in results and metrics
 * @param placement this process's place in a fleet and its first record position ({@link Placement#SINGLE} when
 *                  alone)
 * @param topic     where records go, and whether and how to create the topic
 * @param workload  how many records, for how long, how fast, and the warm-up
 * @param senders   sender threads and the producers they share
 * @param payload   record contents and keys
 * @param delivery  the producer settings, transactions and sequence header; with transactions, {@code producers}
 *                  equals {@code threads}: a producer's transaction is not per thread
 * @param timing    report interval, connect and stop timeouts
 * @param gates     SLO limits the run must meet to pass
 * @param watch     consumer groups watched while the topic is loaded, and the limits of their lag
 */
public record LoadSpec(
        String runId,
        Placement placement,
        TopicSpec topic,
        Workload workload,
        Senders senders,
        PayloadSpec payload,
        Delivery delivery,
        Timing timing,
        SloGates gates,
        GroupWatch watch) {

    public LoadSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(senders, "senders");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(timing, "timing");
        placement = placement == null ? Placement.SINGLE : placement;
        gates = gates == null ? SloGates.NONE : gates;
        watch = watch == null ? GroupWatch.NONE : watch;
        if (delivery.transactional() && senders.producers() != senders.threads()) {
            throw new IllegalArgumentException("a transactional run has one producer per sender thread; got "
                    + senders.producers() + " producers for " + senders.threads() + " threads");
        }
    }

    /** The settings as a user would want them printed: ordered, secrets masked. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run-id", runId);
        m.put("topic", topic.name());
        m.put("records", workload.records() == Workload.UNLIMITED ? "unlimited" : workload.records());
        m.put("duration", workload.duration() == null ? "unlimited" : Durations.format(workload.duration()));
        RateShape rate = workload.rate();
        m.put(
                "rate",
                rate == null
                        ? "unlimited"
                        : rate instanceof RateShape.Constant c ? c.ratePerSecond() : rate.describe());
        m.put("threads", senders.threads());
        m.put("producers", senders.producers());
        m.put("warmup", workload.warmup().toString());
        m.put("payload", payload.toString());
        if (topic.create()) {
            m.put(
                    "create-topic",
                    "partitions=" + topic.partitions() + ", replication-factor=" + topic.replicationFactor());
        }
        ShardSpec shard = placement.shard();
        if (!shard.single()) m.put("shard", shard + " (Message numbers from " + placement.firstPosition() + ")");
        if (watch.any()) m.put("watch-group", String.join(",", watch.groups()));
        if (!gates.isEmpty()) m.put("gates", gates.describe());
        if (!delivery.sequenceHeader()) m.put("sequence-header", "off");
        m.put("idempotence", delivery.idempotent() ? "on" : "off");
        if (delivery.transactional())
            m.put("transactions", delivery.transactions().describe());
        m.put("producer", Secrets.masked(delivery.producerConfig()));
        return m;
    }
}
