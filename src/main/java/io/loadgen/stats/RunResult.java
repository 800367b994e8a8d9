package io.loadgen.stats;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run achieved, immutable. A thread, a pod and a fleet all produce one; {@link #plus} merges them exactly
 * (counts add up, histograms add up, the window spans both).
 *
 * @param status             how the run ended
 * @param stopReason         why it stopped, in words
 * @param startEpochMillis   when sending began
 * @param measuredStartEpochMillis when the measured window began (after warm-up)
 * @param endEpochMillis     when the last record was acknowledged or given up (after the final flush)
 * @param sent               records the broker acknowledged, warm-up included
 * @param failed             records that will never be acknowledged
 * @param bytes              value and key bytes of the acknowledged records
 * @param measuredSent       acknowledged records sent after warm-up: the base of rates and latencies
 * @param measuredBytes      their bytes
 * @param errors             failed records by exception type
 * @param ackLatency         send call to acknowledgement, microseconds, measured records only
 * @param intendedLatency    scheduled send time to acknowledgement, microseconds; empty unless paced by --rate
 * @param compressionRatio   uncompressed / compressed size reported by the client, or {@code null}
 * @param settings           the resolved run settings, secrets masked
 */
public record RunResult(String runId, Status status, String stopReason, long startEpochMillis, long measuredStartEpochMillis,
                        long endEpochMillis, long sent, long failed, long bytes, long measuredSent, long measuredBytes,
                        Map<String, Long> errors, Histogram ackLatency, Histogram intendedLatency, Double compressionRatio,
                        Map<String, Object> settings) {

    public enum Status {
        /** Ran to its message count or duration. */
        COMPLETED,
        /** Stopped early by a signal; counts are still truthful. */
        INTERRUPTED
    }

    public RunResult {
        errors = Map.copyOf(errors);
        settings = settings == null ? Map.of() : settings;
    }

    /** Seconds of the measured window. */
    public double measuredSeconds() {
        return Math.max(0, endEpochMillis - measuredStartEpochMillis) / 1000.0;
    }

    /** Seconds from the first send to the last acknowledgement. */
    public double elapsedSeconds() {
        return Math.max(0, endEpochMillis - startEpochMillis) / 1000.0;
    }

    public long warmupSent() {
        return sent - measuredSent;
    }

    public double recordsPerSecond() {
        double s = measuredSeconds();
        return s > 0 ? measuredSent / s : 0;
    }

    public double mibPerSecond() {
        double s = measuredSeconds();
        return s > 0 ? measuredBytes / s / (1024.0 * 1024.0) : 0;
    }

    public double errorRate() {
        long total = sent + failed;
        return total == 0 ? 0 : (double) failed / total;
    }

    public boolean paced() {
        return intendedLatency.getTotalCount() > 0;
    }

    /** Merges two results of the same run (threads, shards): counts and histograms add, the window spans both. */
    public RunResult plus(RunResult other) {
        Histogram ack = ackLatency.copy();
        ack.add(other.ackLatency);
        Histogram intended = intendedLatency.copy();
        intended.add(other.intendedLatency);
        Map<String, Long> errs = new TreeMap<>(errors);
        other.errors.forEach((k, v) -> errs.merge(k, v, Long::sum));
        Status s = status == Status.COMPLETED && other.status == Status.COMPLETED ? Status.COMPLETED : Status.INTERRUPTED;
        Double ratio = compressionRatio == null ? other.compressionRatio
                : other.compressionRatio == null ? compressionRatio
                : (compressionRatio * bytes + other.compressionRatio * other.bytes) / Math.max(1, bytes + other.bytes);
        return new RunResult(runId, s, stopReason.equals(other.stopReason) ? stopReason : stopReason + "; " + other.stopReason,
                Math.min(startEpochMillis, other.startEpochMillis),
                Math.min(measuredStartEpochMillis, other.measuredStartEpochMillis),
                Math.max(endEpochMillis, other.endEpochMillis), sent + other.sent, failed + other.failed,
                bytes + other.bytes, measuredSent + other.measuredSent, measuredBytes + other.measuredBytes, errs, ack,
                intended, ratio, settings);
    }
}
