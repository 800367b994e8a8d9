package io.loadgen.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * How much to send and how fast: the run stops at whichever of {@code records} and {@code duration} comes first.
 *
 * @param records  stop after this many records ({@link #UNLIMITED} with a duration only); the option is
 *                 {@code --records}
 * @param duration stop after this long, or {@code null}
 * @param rate     target records/s over all threads and how it changes; {@code null} sends as fast as the client
 *                 takes them
 * @param warmup   sent but left out of the statistics
 */
public record Workload(long records, Duration duration, RateShape rate, Warmup warmup) {

    /** No record limit: the run stops at its duration. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    public Workload {
        Objects.requireNonNull(warmup, "warmup");
    }

    public boolean rateLimited() {
        return rate != null;
    }
}
