package io.loadgen.engine;

import io.loadgen.spec.LoadSpec;
import io.loadgen.stats.RunCard;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * A run made ready by {@link LoadEngine#prepare}: the cluster and topic checked, the producers created, connected
 * (metadata fetched) and, for a transactional run, registered with their coordinators. Nothing is timed yet, so a
 * fleet can wait here for its other shards (the start barrier) before any clock starts.
 * <p>
 * Started once, by {@link LoadEngine#start}, which then owns and closes the producers. Closing a run that was never
 * started closes them.
 */
public final class PreparedRun implements AutoCloseable {

    private final LoadSpec spec;
    private final List<Producer<byte[], byte[]>> producers;
    private final int partitions;
    private final RunCard card;
    private boolean started;

    PreparedRun(LoadSpec spec, List<Producer<byte[], byte[]>> producers, int partitions, RunCard card) {
        this.spec = spec;
        this.producers = producers;
        this.partitions = partitions;
        this.card = card;
    }

    public LoadSpec spec() {
        return spec;
    }

    /**
     * The run card as far as the engine knows it: the machine, and the cluster and topic as the check before the
     * clock found them; the tool's version is the caller's to add.
     */
    public RunCard card() {
        return card;
    }

    /** The topic's partition count when the producers fetched its metadata. */
    int partitions() {
        return partitions;
    }

    /** Hands the producers over to the one start of this run. */
    synchronized List<Producer<byte[], byte[]>> start() {
        if (started) throw new IllegalStateException("a prepared run starts once");
        started = true;
        return producers;
    }

    @Override
    public synchronized void close() {
        if (!started) LoadEngine.closeAll(producers, Duration.ZERO);
    }
}
