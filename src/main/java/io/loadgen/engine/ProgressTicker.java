package io.loadgen.engine;

import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;

import java.util.function.LongSupplier;

/** Turns periodic snapshots into interval rates for the listener. Runs on the ticker thread only. */
final class ProgressTicker {

    private final RunStats stats;
    private final RunListener listener;
    private final LongSupplier clock;
    private final long start;
    private final double targetRate;
    private long lastNanos;
    private long lastAcked;
    private long lastBytes;

    ProgressTicker(RunStats stats, RunListener listener, LongSupplier clock, long start, double targetRate) {
        this.stats = stats;
        this.listener = listener;
        this.clock = clock;
        this.start = start;
        this.targetRate = targetRate;
        this.lastNanos = start;
    }

    void tick() {
        try {
            long now = clock.getAsLong();
            RunStats.Snapshot s = stats.snapshot();
            listener.onProgress(new Progress(now - start, now - lastNanos, s.acked() - lastAcked, s.ackedBytes() - lastBytes,
                    s, targetRate));
            lastNanos = now;
            lastAcked = s.acked();
            lastBytes = s.ackedBytes();
        } catch (RuntimeException e) {
            // a failing listener must not stop the ticks (a scheduled task that throws is never run again)
        }
    }
}
