package io.loadgen.engine;

import io.loadgen.spec.Warmup;
import java.util.concurrent.atomic.AtomicLong;

/** Decides per record whether it is measured or warm-up, and remembers when the measured window began. */
final class WarmupGate {

    private final long warmupRecords;
    private final long measuredFromNanos;
    private final AtomicLong measuredStartNanos = new AtomicLong(Long.MAX_VALUE);

    /** @param firstPosition the first position of this shard's range: its first {@code warmup.records()} are warm-up */
    WarmupGate(Warmup warmup, long firstPosition, long startNanos) {
        this.warmupRecords = firstPosition + warmup.records();
        this.measuredFromNanos = startNanos + warmup.duration().toNanos();
    }

    boolean measured(long position, long nowNanos) {
        return position >= warmupRecords && nowNanos >= measuredFromNanos;
    }

    /** Called by each thread once, with the send time of its first measured record. */
    void firstMeasured(long nowNanos) {
        measuredStartNanos.accumulateAndGet(nowNanos, Math::min);
    }

    /** Start of the measured window; {@code fallback} if no record was measured. */
    long measuredStartNanos(long fallback) {
        long v = measuredStartNanos.get();
        return v == Long.MAX_VALUE ? fallback : v;
    }
}
