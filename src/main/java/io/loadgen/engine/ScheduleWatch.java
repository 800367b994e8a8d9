package io.loadgen.engine;

import io.loadgen.spec.RateShape;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import java.util.function.LongSupplier;

/**
 * Watches, from the engine's ticker thread every {@link #TICK_NANOS}, whether the run makes the progress it should:
 * records handed to the producer as the schedule makes them due (or, unpaced, at all), and acknowledgements while
 * records are in flight. A broker that goes away shows as a stall of one or both, and a paced run that cannot send
 * shows as records due but never sent: the outage is counted instead of vanishing between "sent" and "failed".
 *
 * <p>Nothing here is on the hot path: it reads the counters the senders and callbacks already keep.
 */
final class ScheduleWatch {

    static final long TICK_NANOS = 100_000_000L;

    private final RunStats stats;
    /** The target rate's curve, or {@code null} when unpaced. */
    private final RateShape rate;

    private final long records;
    private final long startNanos;
    /** When the run's duration ends, or {@link Pacer#NEVER}: no record is due from then on. */
    private final long endNanos;

    private final long startEpochMillis;
    private final LongSupplier clock;
    /** Tells when sending stopped, before the engine gets to say so (a sender blocked in send() delays that). */
    private final StopSignal stop;

    private final Idle sending = new Idle();
    private final Idle acks = new Idle();
    private long sendingStoppedNanos = -1;
    private boolean inFlightBefore;

    /**
     * @param rate     the target rate's curve, or {@code null} when unpaced
     * @param records the most records the run sends ({@link io.loadgen.spec.Workload#UNLIMITED} for none)
     * @param stop     the run's stop signal, or {@code null} when only {@link #sendingStopped} says so
     */
    ScheduleWatch(
            RunStats stats,
            RateShape rate,
            long records,
            long startNanos,
            long startEpochMillis,
            LongSupplier clock,
            StopSignal stop) {
        this(stats, rate, records, startNanos, Pacer.NEVER, startEpochMillis, clock, stop);
    }

    /** @param endNanos when the run's duration ends ({@link Pacer#NEVER} for none): nothing is due from then on */
    ScheduleWatch(
            RunStats stats,
            RateShape rate,
            long records,
            long startNanos,
            long endNanos,
            long startEpochMillis,
            LongSupplier clock,
            StopSignal stop) {
        this.endNanos = endNanos;
        this.stop = stop;
        this.stats = stats;
        this.rate = rate;
        this.records = records;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
        this.clock = clock;
    }

    /** One look at the counters; scheduled on the ticker. */
    synchronized void tick() {
        try {
            observe(clock.getAsLong());
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; the next tick tries anew
        }
    }

    /** Sending stopped (count, duration, signal): from now on no record is due, so sending cannot stall. */
    synchronized void sendingStopped(long stoppedNanos) {
        if (sendingStoppedNanos >= 0) return;
        sendingStoppedNanos = stoppedNanos;
        sending.finish(stoppedNanos);
    }

    /** Records due but not yet handed over at {@code nowNanos} (or when sending stopped); 0 when unpaced. */
    synchronized long behind(long nowNanos) {
        noticeStop();
        long until = sendingStoppedNanos >= 0 ? Math.min(nowNanos, sendingStoppedNanos) : nowNanos;
        return rate == null ? 0 : Math.max(0, dueBy(until) - stats.attemptedCount());
    }

    /** How long sending has been stalled at {@code nowNanos}, 0 when it is not. */
    synchronized long sendingStalledFor(long nowNanos) {
        noticeStop();
        return sendingStoppedNanos >= 0 ? 0 : sending.ongoing(nowNanos);
    }

    /** How long acknowledgements have been stalled at {@code nowNanos}, 0 when they are not. */
    synchronized long acksStalledFor(long nowNanos) {
        return acks.ongoing(nowNanos);
    }

    /**
     * The run's shortfall once it stopped waiting for records in flight.
     *
     * @param endNanos    when it stopped waiting
     * @param unconfirmed records in flight then
     */
    synchronized Shortfall finish(long endNanos, long unconfirmed) {
        long stoppedAt = sendingStoppedNanos >= 0 ? sendingStoppedNanos : endNanos;
        if (sendingStoppedNanos < 0) sendingStopped(endNanos);
        acks.observe(progressOfAcks(), endNanos, Idle.NOT_EXPECTED);
        acks.finish(endNanos);
        long notSent = 0;
        long behindMillis = 0;
        if (rate != null) {
            long handed = stats.attemptedCount();
            notSent = Math.max(0, dueBy(stoppedAt) - handed);
            long oldestDue = dueNanos(handed);
            if (notSent > 0 && oldestDue != Pacer.NEVER)
                behindMillis = Math.max(0, (stoppedAt - oldestDue) / 1_000_000);
        }
        return new Shortfall(notSent, behindMillis, unconfirmed, sending.stalls, acks.stalls);
    }

    /** Once the stop signal is up nothing more is due, even while a sender is still stuck in send(). */
    private void noticeStop() {
        if (sendingStoppedNanos < 0 && stop != null && stop.stopped()) sendingStopped(stop.requestedAtNanos());
    }

    private void observe(long now) {
        noticeStop();
        long handed = stats.attemptedCount();
        if (sendingStoppedNanos < 0) {
            long expectedFrom = rate == null ? Idle.SINCE_LAST_CHANGE : dueNanos(handed);
            sending.observe(handed, now, expectedFrom == Pacer.NEVER ? Idle.NOT_EXPECTED : expectedFrom);
        }
        boolean inFlight = stats.inFlight() > 0;
        // Acknowledgements are expected from the moment records are in flight; the first tick that sees them is close.
        acks.observe(
                progressOfAcks(), now, !inFlight ? Idle.NOT_EXPECTED : inFlightBefore ? Idle.SINCE_LAST_CHANGE : now);
        inFlightBefore = inFlight;
        stats.schedule(behind(now), sending.stalls.totalMillis() * 1_000_000 + sendingStalledFor(now));
    }

    private long progressOfAcks() {
        return stats.sent() + stats.failed();
    }

    /** When record {@code index} (over all threads, from 0) is due, or {@link Pacer#NEVER}. */
    private long dueNanos(long index) {
        if (index >= records) return Pacer.NEVER;
        double seconds = rate.dueSeconds(index);
        if (Double.isInfinite(seconds)) return Pacer.NEVER;
        long due = startNanos + Math.round(seconds * 1e9);
        return due >= endNanos ? Pacer.NEVER : due;
    }

    /**
     * How many records fell due before {@code nowNanos} (at most the run's count): the first index not yet due. A
     * record due at this very instant is not yet late.
     */
    private long dueBy(long nowNanos) {
        if (dueNanos(0) >= nowNanos) return 0;
        long lo = 0;
        long hi = 1;
        while (hi < records && dueNanos(hi) < nowNanos) {
            lo = hi;
            hi = hi > Long.MAX_VALUE / 2 ? records : hi * 2;
        }
        if (hi > records) hi = records;
        // due(lo) < now, and hi is the count or due(hi) >= now
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (dueNanos(mid) < nowNanos) lo = mid;
            else hi = mid;
        }
        return lo + 1;
    }

    /**
     * A counter that should move and may not: a stall is a time of at least {@link Stalls#MIN_MILLIS} in which it
     * stayed put while it was expected to move.
     */
    private final class Idle {
        static final long NOT_EXPECTED = Long.MIN_VALUE;
        static final long SINCE_LAST_CHANGE = Long.MIN_VALUE + 1;

        private long last;
        private long lastChangeNanos = startNanos;
        /** Since when the counter stood still although it was expected to move, or -1. */
        private long idleSinceNanos = -1;

        private boolean idle;
        Stalls stalls = Stalls.NONE;

        /** @param expectedFrom since when the counter should have moved, or one of the two markers above */
        void observe(long value, long now, long expectedFrom) {
            if (value != last) {
                close(now);
                last = value;
                lastChangeNanos = now;
                return;
            }
            if (expectedFrom == NOT_EXPECTED || (expectedFrom != SINCE_LAST_CHANGE && expectedFrom > now)) {
                close(now);
                return;
            }
            if (!idle) {
                idle = true;
                idleSinceNanos =
                        expectedFrom == SINCE_LAST_CHANGE ? lastChangeNanos : Math.max(lastChangeNanos, expectedFrom);
            }
        }

        void finish(long now) {
            close(now);
        }

        long ongoing(long now) {
            if (!idle) return 0;
            long length = now - idleSinceNanos;
            return length >= Stalls.MIN_MILLIS * 1_000_000 ? length : 0;
        }

        private void close(long now) {
            if (idle) {
                long length = now - idleSinceNanos;
                if (length >= Stalls.MIN_MILLIS * 1_000_000) {
                    stalls = stalls.with(
                            startEpochMillis + (idleSinceNanos - startNanos) / 1_000_000, length / 1_000_000);
                }
            }
            idle = false;
            idleSinceNanos = -1;
        }
    }
}
