package io.loadgen.engine;

import io.loadgen.spec.RateShape;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import java.util.function.LongSupplier;

/** Turns periodic snapshots into interval rates for the listener. Runs on the ticker thread only. */
final class ProgressTicker {

    private final RunStats stats;
    /** Schedule and stalls, or {@code null} (tests of the rates alone). */
    private final ScheduleWatch watch;

    private final RunListener listener;
    private final LongSupplier clock;
    private final long start;
    /** The target rate's curve, or {@code null} when unpaced. */
    private final RateShape rate;

    private long lastNanos;
    private long lastSent;
    private long lastBytes;

    /** @param rate the target rate's curve, or {@code null} when unpaced */
    ProgressTicker(
            RunStats stats, ScheduleWatch watch, RunListener listener, LongSupplier clock, long start, RateShape rate) {
        this.stats = stats;
        this.watch = watch;
        this.listener = listener;
        this.clock = clock;
        this.start = start;
        this.rate = rate;
        this.lastNanos = start;
    }

    void tick() {
        try {
            long now = clock.getAsLong();
            RunStats.Snapshot s = stats.snapshot();
            double target = rate == null ? 0 : rate.rateAt((now - start) / 1e9);
            listener.onProgress(new Progress(
                    now - start,
                    now - lastNanos,
                    s.sent() - lastSent,
                    s.sentBytes() - lastBytes,
                    s,
                    target,
                    watch == null ? 0 : watch.behind(now),
                    watch == null ? 0 : watch.sendingStalledFor(now),
                    watch == null ? 0 : watch.acksStalledFor(now)));
            lastNanos = now;
            lastSent = s.sent();
            lastBytes = s.sentBytes();
        } catch (RuntimeException e) {
            // a failing listener must not stop the ticks (a scheduled task that throws is never run again)
        }
    }
}
