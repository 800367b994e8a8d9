package io.loadgen.engine;

import java.util.function.LongSupplier;

/**
 * Open-loop schedule of one sender thread: its record {@code i} is due at {@code start + i * interval}, whatever
 * happened to earlier records. A thread that falls behind sends at once until it catches up, so the achieved rate
 * holds the target, and the time a record waited behind schedule is visible as latency from its due time.
 */
final class Pacer {

    /** Longest single park, so a stop request is noticed quickly even at very low rates. */
    static final long MAX_PARK_NANOS = 50_000_000L;

    interface Parker {
        void parkNanos(long nanos);
    }

    private final LongSupplier clock;
    private final Parker parker;
    private final long startNanos;
    private final double intervalNanos;
    private long index;

    /**
     * @param ratePerSecond this thread's share of the target rate
     * @param startNanos    when this thread's first record is due
     */
    Pacer(double ratePerSecond, long startNanos, LongSupplier clock, Parker parker) {
        this.clock = clock;
        this.parker = parker;
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / ratePerSecond;
    }

    /** When the next record is due; does not wait. */
    long nextDue() {
        return startNanos + (long) (index * intervalNanos);
    }

    /**
     * Waits until the next record is due (or {@code stop} says to give up) and returns its due time,
     * or -1 if stopped while waiting.
     */
    long awaitNext(StopSignal stop) {
        long due = nextDue();
        long wait;
        while ((wait = due - clock.getAsLong()) > 0) {
            if (stop.stopped()) return -1;
            parker.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
        index++;
        return due;
    }
}
