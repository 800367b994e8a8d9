package io.loadgen.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds each producer's own metrics (batch size, compression rate, record queue time, request latency, buffer
 * available bytes, record error rate, ... as {@code kafka_producer_*}) to Micrometer as it is created; Quarkus does
 * not bind a {@code new KafkaProducer} by itself. The series carry the client id and the run's common tags.
 *
 * <p>The bindings outlive the producers on purpose: the engine closes its producers when sending ends, but a closed
 * client keeps its final values, and the last scrape during {@code --metrics-linger} should still see them. So the
 * bindings are closed with the metrics session, after the linger, which also stops their refresh threads.
 */
final class ProducerMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Tag> tags;
    private final List<KafkaClientMetrics> bindings = new CopyOnWriteArrayList<>();

    ProducerMetrics(MeterRegistry registry, List<Tag> tags) {
        this.registry = registry;
        this.tags = List.copyOf(tags);
    }

    <P extends Producer<?, ?>> P bind(P producer) {
        KafkaClientMetrics binding = new KafkaClientMetrics(producer, tags);
        binding.bindTo(registry);
        bindings.add(binding);
        return producer;
    }

    @Override
    public void close() {
        for (KafkaClientMetrics binding : bindings) binding.close();
        bindings.clear();
    }
}
