package io.loadgen.engine;

import io.loadgen.spec.RateShape;
import java.util.function.LongSupplier;

/**
 * Open-loop schedule of one sender thread. The run's records are due at the times the {@link RateShape} gives
 * (record {@code g} over all threads at {@code start + shape.dueSeconds(g)}); with {@code n} threads, thread
 * {@code k} sends records {@code k, k+n, k+2n, ...}, so the threads interleave evenly and together follow the
 * curve. A due time depends on the record's number alone, whatever happened to earlier records: a thread that
 * falls behind sends at once until it catches up, so the achieved rate holds the target, and the time a record
 * waited behind schedule is visible as latency from its due time.
 */
final class Pacer {

    /** Longest single park, so a stop request is noticed quickly even at very low rates. */
    static final long MAX_PARK_NANOS = 50_000_000L;
    /** The due time of a record the shape never schedules (its rate stays 0). */
    static final long NEVER = Long.MAX_VALUE;

    interface Parker {
        void parkNanos(long nanos);
    }

    private final RateShape shape;
    private final int thread;
    private final int threads;
    private final LongSupplier clock;
    private final Parker parker;
    private final long startNanos;
    /** When the run's --duration ends, or {@link #NEVER}: a record due then or later is not the run's. */
    private final long endNanos;

    private long index;

    /**
     * @param thread  this thread's number, 0 .. threads-1
     * @param threads how many threads share the schedule
     */
    Pacer(RateShape shape, int thread, int threads, long startNanos, LongSupplier clock, Parker parker) {
        this(shape, thread, threads, startNanos, NEVER, clock, parker);
    }

    /**
     * @param endNanos when the run's duration ends ({@link #NEVER} for none): the schedule hands out no record due
     *                 then or later, so a duration run sends what its schedule makes due within it, however late the
     *                 stop signal comes
     */
    Pacer(RateShape shape, int thread, int threads, long startNanos, long endNanos, LongSupplier clock, Parker parker) {
        if (thread < 0 || thread >= threads) throw new IllegalArgumentException("thread " + thread + " of " + threads);
        this.endNanos = endNanos;
        this.shape = shape;
        this.thread = thread;
        this.threads = threads;
        this.clock = clock;
        this.parker = parker;
        this.startNanos = startNanos;
    }

    /** When the next record is due ({@link #NEVER} if the rate stays 0); does not wait. */
    long nextDue() {
        double seconds = shape.dueSeconds((double) index * threads + thread);
        if (Double.isInfinite(seconds)) return NEVER;
        return startNanos + Math.round(seconds * 1e9);
    }

    /**
     * Waits until the next record is due (or {@code stop} says to give up) and returns its due time, or -1 if stopped
     * while waiting or if the next record falls due after the run's duration.
     */
    long awaitNext(StopSignal stop) {
        long due = nextDue();
        // NEVER is left to wait for the stop: a shape whose rate stays 0 idles until the duration ends, as before.
        if (due != NEVER && due >= endNanos) return -1;
        while (true) {
            // NEVER is not subtracted from: System.nanoTime() may be negative, and the difference would overflow.
            long wait = due == NEVER ? MAX_PARK_NANOS : due - clock.getAsLong();
            if (wait <= 0) break;
            if (stop.stopped()) return -1;
            parker.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
        index++;
        return due;
    }
}
