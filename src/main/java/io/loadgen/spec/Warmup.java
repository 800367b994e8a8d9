package io.loadgen.spec;

import java.time.Duration;

/**
 * The start of a run that is sent but left out of the statistics: either the first {@code records} records
 * or everything sent during the first {@code duration}. {@link #NONE} measures from the first record.
 */
public record Warmup(long records, Duration duration) {

    public static final Warmup NONE = new Warmup(0, Duration.ZERO);

    public boolean isNone() {
        return records == 0 && duration.isZero();
    }

    @Override
    public String toString() {
        if (isNone()) return "none";
        return records > 0 ? records + " records" : Durations.format(duration);
    }
}
