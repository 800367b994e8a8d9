package io.loadgen.engine;

import io.loadgen.spec.RateShape;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Timeline;
import java.util.function.LongSupplier;

/**
 * Turns periodic snapshots into interval rates for the listener and the run's {@link Timeline}. Ticks run on the
 * ticker thread; {@link #finish} on the thread that ends the run, after which ticks do nothing, so the last interval
 * is the last one the listener and the timeline hear of.
 */
final class ProgressTicker {

    /** Points at which the target rate is read across an interval to average it: exact for a ramp (linear). */
    private static final int TARGET_SAMPLES = 32;

    private final RunStats stats;
    /** Schedule and stalls, or {@code null} (tests of the rates alone). */
    private final ScheduleWatch watch;

    private final RunListener listener;
    private final LongSupplier clock;
    private final long start;
    /** The target rate's curve, or {@code null} when unpaced. */
    private final RateShape rate;
    /** Fed every interval, or {@code null} (tests of the rates alone). */
    private final Timeline.Builder timeline;

    private long lastNanos;
    private long lastSent;
    private long lastBytes;
    private boolean finished;

    /** @param rate the target rate's curve, or {@code null} when unpaced */
    ProgressTicker(
            RunStats stats, ScheduleWatch watch, RunListener listener, LongSupplier clock, long start, RateShape rate) {
        this(stats, watch, listener, clock, start, rate, null);
    }

    ProgressTicker(
            RunStats stats,
            ScheduleWatch watch,
            RunListener listener,
            LongSupplier clock,
            long start,
            RateShape rate,
            Timeline.Builder timeline) {
        this.stats = stats;
        this.watch = watch;
        this.listener = listener;
        this.clock = clock;
        this.start = start;
        this.rate = rate;
        this.timeline = timeline;
        this.lastNanos = start;
    }

    synchronized void tick() {
        if (finished) return;
        try {
            long now = clock.getAsLong();
            listener.onProgress(next(now, stats.snapshot(), false));
        } catch (RuntimeException e) {
            // a failing listener must not stop the ticks (a scheduled task that throws is never run again)
        }
    }

    /**
     * The run stopped waiting for records in flight at {@code endNanos}: seals the stats and hands the last interval
     * (from the previous tick to the end) to the timeline and to {@link RunListener#onEnd}. Ticks after it do nothing.
     *
     * @return the sealed snapshot
     */
    synchronized RunStats.Snapshot finish(long endNanos) {
        finished = true;
        RunStats.Snapshot last = stats.seal();
        Progress p = next(Math.max(endNanos, lastNanos), last, true);
        try {
            listener.onEnd(p);
        } catch (RuntimeException e) {
            // the run's result matters more than a listener's last interval
        }
        return last;
    }

    private Progress next(long now, RunStats.Snapshot s, boolean last) {
        Progress p = new Progress(
                now - start,
                now - lastNanos,
                s.sent() - lastSent,
                s.sentBytes() - lastBytes,
                s,
                rate == null ? 0 : rate.rateAt((now - start) / 1e9),
                watch == null ? 0 : watch.behind(now),
                watch == null ? 0 : watch.sendingStalledFor(now),
                watch == null ? 0 : watch.acksStalledFor(now));
        if (timeline != null) {
            if (last) timeline.addLast(p, meanTarget(lastNanos, now));
            else timeline.add(p, meanTarget(lastNanos, now));
        }
        lastNanos = now;
        lastSent = s.sent();
        lastBytes = s.sentBytes();
        return p;
    }

    /** The target averaged over the interval (midpoints): a progress line's target is the one at its end. */
    private double meanTarget(long fromNanos, long toNanos) {
        if (rate == null) return 0;
        double from = (fromNanos - start) / 1e9, to = (toNanos - start) / 1e9;
        if (to <= from) return rate.rateAt(to);
        double sum = 0;
        for (int i = 0; i < TARGET_SAMPLES; i++) sum += rate.rateAt(from + (to - from) * (i + 0.5) / TARGET_SAMPLES);
        return sum / TARGET_SAMPLES;
    }
}
