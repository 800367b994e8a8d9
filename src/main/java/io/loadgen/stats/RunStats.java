package io.loadgen.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a run, written by sender threads and the Kafka client's I/O threads at millions of updates a
 * second: {@link LongAdder}s and HdrHistogram {@link Recorder}s only, no locks on the write path.
 * Only the acknowledgement callback counts a record as sent.
 */
public final class RunStats {

    private final LongAdder attempted = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder ackedBytes = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder measuredAcked = new LongAdder();
    private final LongAdder measuredBytes = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    private final Recorder ackLatency = new Recorder(LatencyHistograms.MAX_LATENCY_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);
    private final Recorder intendedLatency = new Recorder(LatencyHistograms.MAX_LATENCY_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);

    // Cumulative histograms and the last snapshot; touched only under the lock of snapshot().
    private final Histogram totalAck = LatencyHistograms.empty();
    private final Histogram totalIntended = LatencyHistograms.empty();
    private Histogram intervalAck;
    private Histogram intervalIntended;

    public void attempted() {
        attempted.increment();
    }

    /**
     * A record the broker acknowledged.
     *
     * @param measured        false during warm-up: counted as sent, left out of rates and latencies
     * @param ackNanos        send call to acknowledgement
     * @param intendedNanos   scheduled send time to acknowledgement, or a negative value when not paced
     */
    public void acked(int bytes, boolean measured, long ackNanos, long intendedNanos) {
        acked.increment();
        ackedBytes.add(bytes);
        if (measured) {
            measuredAcked.increment();
            measuredBytes.add(bytes);
            ackLatency.recordValue(LatencyHistograms.clampMicros(ackNanos));
            if (intendedNanos >= 0) intendedLatency.recordValue(LatencyHistograms.clampMicros(intendedNanos));
        }
    }

    /** A record that will never be acknowledged, counted under its exception's class name. */
    public void failed(Throwable error) {
        failed.increment();
        errorsByType.computeIfAbsent(errorType(error), k -> new LongAdder()).increment();
    }

    public static String errorType(Throwable error) {
        return error == null ? "unknown" : error.getClass().getSimpleName();
    }

    public long acked() {
        return acked.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long inFlight() {
        return Math.max(0, attempted.sum() - acked.sum() - failed.sum());
    }

    /**
     * Moves what was recorded since the last call into the cumulative histograms and returns counters plus the
     * interval's histograms. Called by one reporter at a time (progress ticks and the final result).
     */
    public synchronized Snapshot snapshot() {
        intervalAck = ackLatency.getIntervalHistogram(intervalAck);
        intervalIntended = intendedLatency.getIntervalHistogram(intervalIntended);
        totalAck.add(intervalAck);
        totalIntended.add(intervalIntended);
        Map<String, Long> errors = new TreeMap<>();
        errorsByType.forEach((k, v) -> errors.put(k, v.sum()));
        return new Snapshot(attempted.sum(), acked.sum(), ackedBytes.sum(), failed.sum(), measuredAcked.sum(),
                measuredBytes.sum(), errors, intervalAck.copy(), intervalIntended.copy(), totalAck.copy(), totalIntended.copy());
    }

    /** Counters at one moment, with the latency histograms (microseconds) of the last interval and of the whole run. */
    public record Snapshot(long attempted, long acked, long ackedBytes, long failed, long measuredAcked, long measuredBytes,
                           Map<String, Long> errors, Histogram intervalAckLatency, Histogram intervalIntendedLatency,
                           Histogram totalAckLatency, Histogram totalIntendedLatency) {

        public long inFlight() {
            return Math.max(0, attempted - acked - failed);
        }
    }
}
