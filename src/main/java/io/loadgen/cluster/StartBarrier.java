package io.loadgen.cluster;

import io.loadgen.spec.ShardSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One start for a fleet, carried by Kafka itself: each shard writes "ready" for its run id to a control topic, then
 * reads the topic until every shard of the run has said so. Pods of a Job start minutes apart when the cluster
 * pulls images or scales; without this, early shards would finish before late ones begin.
 */
public final class StartBarrier {

    private final Map<String, String> settings;
    private final String topic;
    private final LongSupplier clock;

    public StartBarrier(Map<String, String> settings, String topic) {
        this(settings, topic, System::currentTimeMillis);
    }

    StartBarrier(Map<String, String> settings, String topic, LongSupplier clock) {
        this.settings = settings;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Announces this shard and waits for all of the run's shards.
     *
     * @throws BarrierTimeoutException naming the shards that never came
     */
    public void await(String runId, ShardSpec shard, Duration timeout) {
        await(runId, shard, timeout, () -> false);
    }

    /**
     * As {@link #await(String, ShardSpec, Duration)}, giving up as soon as {@code stopped} says so (a signal: a pod
     * deleted while it waits must not wait out the barrier's timeout).
     *
     * @return true when every shard is ready, false when stopped first
     */
    public boolean await(String runId, ShardSpec shard, Duration timeout, BooleanSupplier stopped) {
        long deadline = clock.getAsLong() + timeout.toMillis();
        ClusterClients.ensureTopic(settings, topic, timeout);
        try (KafkaProducer<String, String> producer =
                ClusterClients.producer(settings, "loadgen-barrier-" + shard.index())) {
            producer.send(new ProducerRecord<>(topic, runId, "ready " + shard.index() + "/" + shard.count()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "cannot announce shard " + shard + " on topic '" + topic + "': " + e.getMessage(), e);
        }
        TreeSet<Integer> ready = new TreeSet<>();
        try (KafkaConsumer<String, String> consumer =
                ClusterClients.consumer(settings, "loadgen-barrier-" + shard.index())) {
            ClusterClients.fromStart(consumer, topic, timeout);
            while (ready.size() < shard.count()) {
                if (stopped.getAsBoolean()) return false;
                if (clock.getAsLong() >= deadline) {
                    throw new BarrierTimeoutException(missing(ready, shard.count()), timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Integer index = readyIndex(record, runId, shard.count());
                    if (index != null) ready.add(index);
                }
            }
        }
        return true;
    }

    /** The shard index a control record announces for this run, or null if it is about something else. */
    static Integer readyIndex(ConsumerRecord<String, String> record, String runId, int count) {
        if (!runId.equals(record.key())
                || record.value() == null
                || !record.value().startsWith("ready ")) return null;
        String[] parts = record.value().substring(6).split("/");
        try {
            int index = Integer.parseInt(parts[0]);
            return index >= 0 && index < count ? index : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<Integer> missing(TreeSet<Integer> ready, int count) {
        return IntStream.range(0, count).filter(i -> !ready.contains(i)).boxed().collect(Collectors.toList());
    }

    /** Not every shard arrived in time. */
    public static final class BarrierTimeoutException extends RuntimeException {
        BarrierTimeoutException(List<Integer> missing, Duration timeout) {
            super("start barrier: shard" + (missing.size() == 1 ? " " : "s ")
                    + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " never reported ready within " + timeout.toSeconds() + " s");
        }
    }
}
