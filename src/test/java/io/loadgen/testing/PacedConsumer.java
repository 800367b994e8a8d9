package io.loadgen.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real consumer group downstream of a test's topic, as slow as the test says: it consumes about {@code perSecond}
 * records/s and commits what it consumed every 200 ms, like an ingestor with a fixed capacity. Bounded in time: it
 * stops at {@link #close()} or after {@code maxRun}.
 */
public final class PacedConsumer implements AutoCloseable {

    /** Time the consumer may catch up on at full speed after a sleep overshot: a few ms, not seconds of idling. */
    private static final long BURST_NANOS = 5_000_000L;

    private final Thread thread;
    private final AtomicLong consumed = new AtomicLong();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean stop;

    public PacedConsumer(String group, String topic, double perSecond, Duration maxRun) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        thread = new Thread(() -> consume(config, topic, perSecond, maxRun), "paced-consumer-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the group has its partitions, so a run that starts now is read from its first record. */
    public PacedConsumer awaitAssignment(Duration timeout) throws InterruptedException {
        if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test consumer got no partitions within " + timeout);
        }
        return this;
    }

    public long consumed() {
        return consumed.get();
    }

    private void consume(Map<String, Object> config, String topic, double perSecond, Duration maxRun) {
        long start = System.nanoTime();
        long end = start + maxRun.toNanos();
        long lastCommit = start;
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long interval = (long) (1e9 / perSecond);
            long next = System.nanoTime();
            while (!stop && System.nanoTime() < end) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!consumer.assignment().isEmpty()) assigned.countDown();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    // One record per interval, and no credit for time spent idle: a consumer that waited for records
                    // is no faster once they come (its capacity is what the test says, not more in bursts).
                    next = Math.max(next, System.nanoTime() - BURST_NANOS) + interval;
                    long wait = next - System.nanoTime();
                    if (wait > 1_000_000) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    consumed.incrementAndGet();
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    if (stop) break;
                }
                if (System.nanoTime() - lastCommit > 200_000_000L && !done.isEmpty()) {
                    consumer.commitSync(done);
                    done.clear();
                    lastCommit = System.nanoTime();
                }
            }
            if (!done.isEmpty()) consumer.commitSync(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(30_000);
    }
}
