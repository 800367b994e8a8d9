package io.loadgen.metrics;

import io.loadgen.spec.LoadSpec;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import io.loadgen.watch.GroupSample;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * A run's metrics at {@code /q/metrics}, from the moment sending begins until {@link #close()}: the run's own
 * {@code loadgen_*} families ({@link LoadgenCollector}) and every producer's {@code kafka_producer_*} meters
 * ({@link ProducerMetrics}), all with the tags {@code run_id} and {@code shard}. The caller keeps it open through
 * {@code --metrics-linger} so a last scrape sees the final values.
 */
public final class RunMetrics implements AutoCloseable {

    private final CollectorRegistry prometheus;
    private final LoadgenCollector collector;
    private final ProducerMetrics producers;

    private RunMetrics(CollectorRegistry prometheus, LoadgenCollector collector, ProducerMetrics producers) {
        this.prometheus = prometheus;
        this.collector = collector;
        this.producers = producers;
    }

    /**
     * Registers the run's metrics with the application's Prometheus registry.
     *
     * @param registry the registry behind {@code /q/metrics}, or {@code null} when metrics are off: then nothing is
     *                 exported and every method does nothing
     */
    public static RunMetrics open(PrometheusMeterRegistry registry, LoadSpec spec) {
        if (registry == null) return new RunMetrics(null, null, null);
        LoadgenCollector collector = new LoadgenCollector(spec, System::nanoTime);
        collector.register(registry.getPrometheusRegistry());
        List<Tag> tags = List.of(
                Tag.of("run_id", spec.runId()),
                Tag.of("shard", String.valueOf(spec.placement().shard().index())));
        return new RunMetrics(registry.getPrometheusRegistry(), collector, new ProducerMetrics(registry, tags));
    }

    /** Binds a new producer's client metrics; returns it, so it can wrap a producer factory. */
    public <P extends Producer<?, ?>> P bind(P producer) {
        return producers == null ? producer : producers.bind(producer);
    }

    /** Sending begins: export the live counters from now on. */
    public void started(RunStats stats) {
        if (collector != null) collector.started(stats, System.currentTimeMillis() / 1000.0);
    }

    /** Consumer groups are watched: export their lag from now on. */
    public void watching(Supplier<List<GroupSample>> groups) {
        if (collector != null) collector.watching(groups);
    }

    public void progressed(Progress progress) {
        if (collector != null) collector.achieved(progress.intervalRecordsPerSecond());
    }

    /** Sending is over; the counters stay, final, until {@link #close()}. */
    public void finished() {
        if (collector != null) collector.finished();
    }

    /** Removes the run's metrics and unbinds the producers. */
    @Override
    public void close() {
        if (collector == null) return;
        producers.close();
        prometheus.unregister(collector);
    }
}
