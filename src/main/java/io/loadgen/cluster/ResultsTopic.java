package io.loadgen.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Shard results travel through a Kafka topic (key: run id, value: {@link ResultCodec} JSON), so a fleet needs no
 * service of its own: every shard publishes, anyone with access to the cluster collects.
 */
public final class ResultsTopic {

    private final Map<String, String> settings;
    private final String topic;
    private final LongSupplier clock;

    /** @param settings the run's client settings (bootstrap servers, security); tuning keys are ignored */
    public ResultsTopic(Map<String, String> settings, String topic) {
        this(settings, topic, System::currentTimeMillis);
    }

    ResultsTopic(Map<String, String> settings, String topic, LongSupplier clock) {
        this.settings = settings;
        this.topic = topic;
        this.clock = clock;
    }

    public void publish(ShardResult result, Duration timeout) {
        ClusterClients.ensureTopic(settings, topic, timeout);
        try (KafkaProducer<String, String> producer = ClusterClients.producer(
                settings, "loadgen-results-" + result.shard().index())) {
            producer.send(new ProducerRecord<>(topic, result.result().runId(), ResultCodec.encode(result)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot publish the result to topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads the results of one run: every result published for it, in the order published (whoever merges them
     * decides which counts). Stops once it has read what was on the topic when it began and {@code expectedShards}
     * distinct shards are in (0 = unknown: only the former), or when {@code timeout} passes, returning what it found.
     *
     * @throws IllegalStateException when the topic does not exist (it is never created by reading: see
     *                               {@link ClusterClients#requireTopic})
     */
    public List<ShardResult> collect(String runId, int expectedShards, Duration timeout) {
        return collect(runId, expectedShards, timeout, () -> false);
    }

    /**
     * As {@link #collect(String, int, Duration)}, but also returns what it found as soon as {@code stopped} says so
     * (checked between polls, at most every 200 ms): a pod being deleted must not wait out the collect timeout.
     */
    public List<ShardResult> collect(String runId, int expectedShards, Duration timeout, BooleanSupplier stopped) {
        long deadline = clock.getAsLong() + timeout.toMillis();
        ClusterClients.requireTopic(settings, topic, timeout);
        List<ShardResult> results = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = ClusterClients.consumer(settings, "loadgen-report")) {
            List<TopicPartition> tps = ClusterClients.fromStart(consumer, topic, timeout);
            if (tps.isEmpty()) return List.of();
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            while (clock.getAsLong() < deadline && !stopped.getAsBoolean()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(record.key())) continue;
                    try {
                        ShardResult r = ResultCodec.decode(record.value());
                        results.add(r);
                        shards.add(r.shard().index());
                    } catch (IllegalArgumentException unreadable) {
                        // another version's document or garbage: not ours to merge
                    }
                }
                // Also read what was on the topic when collecting began: a second result of a shard (two processes
                // that ran as one shard) must not go unseen behind the first.
                boolean allRead = ClusterClients.reachedEnd(consumer, end);
                if (allRead && (expectedShards <= 0 || shards.size() >= expectedShards)) break;
            }
        }
        return results;
    }
}
