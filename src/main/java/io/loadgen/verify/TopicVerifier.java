package io.loadgen.verify;

import io.loadgen.cluster.ClusterClients;
import io.loadgen.payload.SequenceHeader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the start to the end offsets it had when verification began (bounded by a timeout), as a
 * {@code read_committed} consumer, and feeds the records of one run to a {@link SequenceTracker}. Records of other
 * runs and other producers are skipped, so the topic may carry other traffic.
 */
public final class TopicVerifier {

    /** What was read. {@code complete} is false when the timeout ended the read before the end offsets. */
    public record Outcome(SequenceTracker tracker, long recordsRead, long recordsOfRun, boolean complete) {}

    /** How long to wait for the markers of ended transactions (see {@link #settledEnd}). */
    private static final long SETTLE_MILLIS = 5_000;

    private final Map<String, String> settings;
    private final LongSupplier wallClockMillis;

    public TopicVerifier(Map<String, String> settings) {
        this(settings, System::currentTimeMillis);
    }

    TopicVerifier(Map<String, String> settings, LongSupplier wallClockMillis) {
        this.settings = settings;
        this.wallClockMillis = wallClockMillis;
    }

    public Outcome verify(String topic, String runId, Duration timeout) {
        long deadline = wallClockMillis.getAsLong() + timeout.toMillis();
        SequenceTracker tracker = new SequenceTracker();
        long read = 0;
        long ofRun = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config())) {
            List<TopicPartition> tps = ClusterClients.fromStart(consumer, topic, timeout);
            if (tps.isEmpty()) throw new IllegalArgumentException("topic '" + topic + "' does not exist");
            Map<TopicPartition, Long> end = settledEnd(consumer, tps, timeout);
            while (!ClusterClients.reachedEnd(consumer, end)) {
                if (wallClockMillis.getAsLong() >= deadline) return new Outcome(tracker, read, ofRun, false);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    Header h = r.headers().lastHeader(SequenceHeader.KEY);
                    SequenceHeader.Decoded d = h == null ? null : SequenceHeader.decode(h.value());
                    if (d == null || !d.runId().equals(runId)) continue;
                    ofRun++;
                    long e2e = r.timestampType() == TimestampType.CREATE_TIME
                            ? (wallClockMillis.getAsLong() - r.timestamp()) * 1_000
                            : -1;
                    tracker.record(r.partition(), d, e2e);
                }
            }
        }
        return new Outcome(tracker, read, ofRun, true);
    }

    /**
     * The end to read to. For a read_committed reader that is the last stable offset, and a committed transaction's
     * markers reach its partitions a moment after the commit returned: verify started right after a transactional run
     * would stop before its last transactions and, given the run's result, call their records missing. So wait, a
     * little, for the stable offsets to reach the high watermarks; a transaction still open then stays out.
     */
    private Map<TopicPartition, Long> settledEnd(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps, Duration timeout) {
        Map<TopicPartition, Long> stable = consumer.endOffsets(tps, timeout);
        if (!"read_committed".equals(String.valueOf(config().get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))))
            return stable;
        Map<String, Object> uncommitted = config();
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        uncommitted.put(ConsumerConfig.CLIENT_ID_CONFIG, "loadgen-verify-high-watermarks");
        Map<TopicPartition, Long> highWatermarks;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(uncommitted)) {
            highWatermarks = c.endOffsets(tps, timeout);
        }
        long deadline = wallClockMillis.getAsLong() + SETTLE_MILLIS;
        while (!stable.equals(highWatermarks) && wallClockMillis.getAsLong() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            stable = consumer.endOffsets(tps, timeout);
        }
        return stable;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k) && !k.equals("client.id") && !k.equals("group.id"))
                config.put(k, v);
        });
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "loadgen-verify");
        // What a topic's consumers get: records of aborted transactions are not delivered (a transactional run counted
        // them as failed), and for records sent without transactions it changes nothing. The end offsets are then the
        // last stable offsets, so a transaction still open is not waited for. A user setting still wins.
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Verifying never creates the topic, whatever the broker's auto.create.topics.enable.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }
}
