package io.loadgen.tune;

import io.loadgen.engine.LoadEngine;
import io.loadgen.engine.ProducerFactory;
import io.loadgen.engine.RunFailedException;
import io.loadgen.engine.RunListener;
import io.loadgen.spec.LoadSpec;
import io.loadgen.stats.ProcessCpu;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A trial through the real engine, the same way {@code loadgen run} sends: a spec for the settings on a fresh
 * topic, warm-up then the measured window, the producers' metrics sampled on the engine's progress ticks, process
 * CPU time read before and after, the topic deleted at the end.
 */
public final class EngineTrial implements Trial {

    /** Makes the spec of one trial: the tune's fixed settings with these, on this topic, under this run id. */
    @FunctionalInterface
    public interface Specs {
        LoadSpec spec(TrialSettings settings, String topic, String runId);
    }

    private final Specs specs;
    private final TrialTopics topics;
    private final String topicPrefix;
    private final String tuneId;
    private final Duration warmup;
    private final int brokers;
    private final Consumer<String> warnings;
    private volatile LoadEngine current;
    private volatile boolean stopRequested;
    private int count;

    /**
     * @param brokers  brokers in the cluster: with the partitions, how many connections a producer sends over
     * @param warnings where one-line notices go (a topic that could not be deleted)
     */
    public EngineTrial(
            Specs specs,
            TrialTopics topics,
            String topicPrefix,
            String tuneId,
            Duration warmup,
            int brokers,
            Consumer<String> warnings) {
        this.specs = specs;
        this.topics = topics;
        this.topicPrefix = topicPrefix;
        this.tuneId = tuneId;
        this.warmup = warmup;
        this.brokers = brokers;
        this.warnings = warnings;
    }

    /** Stops the trial going on, if any (records in flight are awaited up to the stop timeout). */
    public void requestStop() {
        stopRequested = true;
        LoadEngine engine = current;
        if (engine != null) engine.requestStop();
    }

    /** The topic trial {@code n} sends to. */
    public String topic(int n) {
        return topicPrefix + "-" + tuneId + "-" + n;
    }

    @Override
    public Measurement run(TrialSettings settings) {
        int n = ++count;
        String topic = topic(n);
        LoadSpec spec = specs.spec(settings, topic, tuneId + "-" + n);
        List<Producer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
        LoadEngine engine = new LoadEngine(config -> {
            Producer<byte[], byte[]> p = ProducerFactory.KAFKA.create(config);
            producers.add(p);
            return p;
        });
        ProducerSampler sampler = new ProducerSampler(
                settings.maxInFlight(), Math.min(brokers, spec.topic().partitions()));
        long[] cpuAtStart = {-1};
        long warmupNanos = warmup.toNanos();
        current = engine;
        if (stopRequested) engine.requestStop();
        RunResult result;
        try {
            topics.create(topic, spec.topic().partitions(), spec.topic().replicationFactor());
            result = engine.run(spec, new RunListener() {
                @Override
                public void onStart(RunStats stats) {
                    cpuAtStart[0] = ProcessCpu.nanos();
                }

                @Override
                public void onProgress(Progress p) {
                    if (p.elapsedNanos() >= warmupNanos) sampler.sample(producers, System.nanoTime());
                }
            });
        } catch (RunFailedException e) {
            return Measurement.failed(e.getMessage());
        } finally {
            current = null;
            String problem = topics.delete(topic);
            if (problem != null) warnings.accept(problem);
        }
        // The whole process's CPU per million records sent in the trial (warm-up included, as its CPU is too); with the
        // broker in the same JVM (tests) it includes the broker's.
        long cpu = ProcessCpu.nanos();
        double cpuPerMillion = cpuAtStart[0] < 0 || cpu < 0 || result.total().sent() == 0
                ? Double.NaN
                : (cpu - cpuAtStart[0]) / 1e9 / result.total().sent() * 1e6;
        var latency = settings.paced()
                ? result.latencies().intended()
                : result.latencies().sendToAck();
        double p99 = latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
        if (result.status() == RunResult.Status.INTERRUPTED) return Measurement.failed("interrupted");
        return new Measurement(
                true,
                null,
                result.recordsPerSecond(),
                result.mibPerSecond(),
                p99,
                cpuPerMillion,
                result.measured().sent(),
                result.measured().failed(),
                sampler.evidence());
    }
}
