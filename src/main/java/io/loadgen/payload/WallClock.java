package io.loadgen.payload;

import java.time.Instant;
import java.util.function.LongSupplier;

/** Nanoseconds since the epoch, cheaply: one {@link Instant} read at start, then {@link System#nanoTime()} offsets. */
public final class WallClock {

    private WallClock() {}

    public static LongSupplier epochNanos() {
        Instant now = Instant.now();
        long base = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long origin = System.nanoTime();
        return () -> base + (System.nanoTime() - origin);
    }
}
