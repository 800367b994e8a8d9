package io.loadgen.verify;

import io.loadgen.cluster.ClusterClients;
import io.loadgen.payload.SequenceHeader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads a topic from the start to the end offsets it had when verification began (bounded by a timeout), as a
 * {@code read_committed} consumer, and feeds the records of one run to a {@link SequenceTracker}. Records of other
 * runs and other producers are skipped, so the topic may carry other traffic.
 */
public final class TopicVerifier {

    /** What was read. {@code complete} is false when the timeout ended the read before the end offsets. */
    public record Outcome(SequenceTracker tracker, long recordsRead, long recordsOfRun, boolean complete) {
    }

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
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            while (!ClusterClients.reachedEnd(consumer, end)) {
                if (wallClockMillis.getAsLong() >= deadline) return new Outcome(tracker, read, ofRun, false);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    Header h = r.headers().lastHeader(SequenceHeader.KEY);
                    SequenceHeader.Decoded d = h == null ? null : SequenceHeader.decode(h.value());
                    if (d == null || !d.runId().equals(runId)) continue;
                    ofRun++;
                    long e2e = r.timestampType() == TimestampType.CREATE_TIME
                            ? (wallClockMillis.getAsLong() - r.timestamp()) * 1_000 : -1;
                    tracker.record(r.partition(), d, e2e);
                }
            }
        }
        return new Outcome(tracker, read, ofRun, true);
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k) && !k.equals("client.id") && !k.equals("group.id")) config.put(k, v);
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
