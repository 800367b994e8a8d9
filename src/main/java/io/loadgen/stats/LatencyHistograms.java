package io.loadgen.stats;

import org.HdrHistogram.Histogram;

/** The one shape of latency histogram used everywhere, so shards and threads merge exactly. */
public final class LatencyHistograms {

    /** Ten minutes: longer latencies are recorded as this value rather than lost. */
    public static final long MAX_LATENCY_MICROS = 600_000_000L;

    public static final int SIGNIFICANT_DIGITS = 3;

    private LatencyHistograms() {}

    public static Histogram empty() {
        return new Histogram(MAX_LATENCY_MICROS, SIGNIFICANT_DIGITS);
    }

    public static long clampMicros(long nanos) {
        long micros = nanos / 1_000;
        return micros < 0 ? 0 : Math.min(micros, MAX_LATENCY_MICROS);
    }
}
