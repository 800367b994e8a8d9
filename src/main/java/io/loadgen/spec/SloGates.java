package io.loadgen.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Service-level limits a run must meet to pass, each optional ({@code null} = not checked). They apply to the
 * measured window (after warm-up). The latency limits apply to latency from the intended send time when the run is
 * paced, and to send→ack latency otherwise.
 *
 * @param maxErrorRate        failed / (acknowledged + failed), a fraction in [0, 1]
 * @param minRecordsPerSecond acknowledged records/s
 * @param maxP99Latency       99th percentile latency
 * @param maxP999Latency      99.9th percentile latency
 */
public record SloGates(
        Double maxErrorRate, Double minRecordsPerSecond, Duration maxP99Latency, Duration maxP999Latency) {

    public static final SloGates NONE = new SloGates(null, null, null, null);

    /**
     * The limits as one shard of {@code shards} sees them: the throughput floor is the fleet's, so a shard is held to
     * its share of it; ratios and percentiles mean the same for a shard as for the fleet.
     */
    public SloGates share(int shards) {
        return minRecordsPerSecond == null || shards <= 1
                ? this
                : new SloGates(maxErrorRate, minRecordsPerSecond / shards, maxP99Latency, maxP999Latency);
    }

    public boolean isEmpty() {
        return maxErrorRate == null && minRecordsPerSecond == null && maxP99Latency == null && maxP999Latency == null;
    }

    /** The limits that are set, by option name, for the printed settings. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        if (maxErrorRate != null) m.put("max-error-rate", String.format(Locale.ROOT, "%s%%", maxErrorRate * 100));
        if (minRecordsPerSecond != null)
            m.put("min-throughput", RateShape.formatRate(minRecordsPerSecond) + " records/s");
        if (maxP99Latency != null) m.put("max-p99-latency", formatLatency(maxP99Latency));
        if (maxP999Latency != null) m.put("max-p999-latency", formatLatency(maxP999Latency));
        return m;
    }

    /** Like {@link Durations#format}, but keeps limits below a millisecond readable: {@code 500us}. */
    public static String formatLatency(Duration d) {
        return !d.isZero() && d.toMillis() == 0 ? d.toNanos() / 1_000 + "us" : Durations.format(d);
    }
}
