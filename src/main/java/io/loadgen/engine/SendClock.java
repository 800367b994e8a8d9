package io.loadgen.engine;

import java.util.function.LongSupplier;

/**
 * One sender thread's clock, read once per record: that reading is both the record's send time (where its latency
 * starts) and, through {@link #epochNanos()}, the wall-clock time a generator writes into it. A clock read costs as
 * much as a good part of making a record, so the two share one. Single thread: the sender's.
 */
final class SendClock {

    private final LongSupplier clock;
    private final long epochOffset;
    private long last;

    /**
     * @param clock the engine's monotonic clock, nanoseconds
     * @param epochOffset wall-clock nanoseconds since the epoch minus {@code clock}'s reading at the same moment
     */
    SendClock(LongSupplier clock, long epochOffset) {
        this.clock = clock;
        this.epochOffset = epochOffset;
    }

    /** Reads the clock for the next record. */
    long read() {
        return last = clock.getAsLong();
    }

    /** The last reading as wall-clock nanoseconds since the epoch; before the first reading, the epoch offset. */
    long epochNanos() {
        return epochOffset + last;
    }
}
