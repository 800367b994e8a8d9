package io.loadgen.stats;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

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
 * @param measuredFailed     failed records sent after warm-up: the base of the error rate
 * @param errors             failed records by exception type
 * @param ackLatency         send call to acknowledgement, microseconds, measured records only
 * @param intendedLatency    scheduled send time to acknowledgement, microseconds; empty unless paced by --rate
 * @param scheduleDelay      scheduled send time to the send call (time spent behind schedule), microseconds;
 *                           empty unless paced
 * @param compressionRatio   uncompressed / compressed size reported by the client, or {@code null}
 * @param settings           the resolved run settings, secrets masked
 * @param shortfall          what the run did not deliver besides failed records: records due but never sent, records
 *                           unconfirmed when it stopped waiting, stalls
 * @param fireAndForget      sent with acks=0: "sent" then means written to the network, not acknowledged
 * @param handedBySender     records each sender thread handed to the producer, keyed {@code shard/sender}: the length
 *                           of each sender's sequence, so {@code loadgen verify} can see a lost tail
 * @param cpuSeconds         CPU time of the process (a fleet: of its processes) when the run ended, start-up
 *                           included, or {@code null} where the JVM cannot tell: what a pod needs to be sized
 */
public record RunResult(
        String runId,
        Status status,
        String stopReason,
        long startEpochMillis,
        long measuredStartEpochMillis,
        long endEpochMillis,
        long sent,
        long failed,
        long bytes,
        long measuredSent,
        long measuredBytes,
        long measuredFailed,
        Map<String, Long> errors,
        Histogram ackLatency,
        Histogram intendedLatency,
        Histogram scheduleDelay,
        Double compressionRatio,
        Map<String, Object> settings,
        Shortfall shortfall,
        boolean fireAndForget,
        Map<String, Long> handedBySender,
        Double cpuSeconds) {

    public enum Status {
        /** Ran to its message count or duration, and every record handed over was confirmed or failed. */
        COMPLETED,
        /**
         * Ran to its end but fell short: records handed over were still unconfirmed when the run stopped waiting, or
         * sending ended well behind the schedule of --rate (see {@link Shortfall#incomplete()}).
         */
        INCOMPLETE,
        /** Stopped early by a signal (or a signal arrived while records in flight were awaited); counts are truthful. */
        INTERRUPTED
    }

    public RunResult {
        errors = Map.copyOf(errors);
        settings = settings == null ? Map.of() : settings;
        scheduleDelay = scheduleDelay == null ? LatencyHistograms.empty() : scheduleDelay;
        shortfall = shortfall == null ? Shortfall.NONE : shortfall;
        handedBySender = handedBySender == null ? Map.of() : Map.copyOf(handedBySender);
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

    /** Failed / (acknowledged + failed) over the measured window, the base of the error-rate gate. */
    public double measuredErrorRate() {
        long total = measuredSent + measuredFailed;
        return total == 0 ? 0 : (double) measuredFailed / total;
    }

    public boolean paced() {
        return intendedLatency.getTotalCount() > 0;
    }

    /** The same result with another stop reason (a fleet's reason speaks for its shards). */
    public RunResult withStopReason(String reason) {
        return new RunResult(
                runId,
                status,
                reason,
                startEpochMillis,
                measuredStartEpochMillis,
                endEpochMillis,
                sent,
                failed,
                bytes,
                measuredSent,
                measuredBytes,
                measuredFailed,
                errors,
                ackLatency,
                intendedLatency,
                scheduleDelay,
                compressionRatio,
                settings,
                shortfall,
                fireAndForget,
                handedBySender,
                cpuSeconds);
    }

    /** CPU seconds of the process per million records sent, or {@code null} when not known or nothing was sent. */
    public Double cpuSecondsPerMillionRecords() {
        return cpuSeconds == null || sent == 0 ? null : cpuSeconds / sent * 1e6;
    }

    /** Records handed to the producer that are accounted for nowhere else: neither sent nor failed. */
    public long unconfirmed() {
        return shortfall.unconfirmed();
    }

    /** Merges two results of the same run (threads, shards): counts and histograms add, the window spans both. */
    public RunResult plus(RunResult other) {
        Histogram ack = ackLatency.copy();
        ack.add(other.ackLatency);
        Histogram intended = intendedLatency.copy();
        intended.add(other.intendedLatency);
        Histogram delay = scheduleDelay.copy();
        delay.add(other.scheduleDelay);
        Map<String, Long> errs = new TreeMap<>(errors);
        other.errors.forEach((k, v) -> errs.merge(k, v, Long::sum));
        // The worst of the two: interrupted, then incomplete, then completed.
        Status s = status.compareTo(other.status) >= 0 ? status : other.status;
        Map<String, Long> handed = new TreeMap<>(handedBySender);
        other.handedBySender.forEach((k, v) -> handed.merge(k, v, Long::sum));
        return new RunResult(
                runId,
                s,
                stopReason.equals(other.stopReason) ? stopReason : stopReason + "; " + other.stopReason,
                Math.min(startEpochMillis, other.startEpochMillis),
                Math.min(measuredStartEpochMillis, other.measuredStartEpochMillis),
                Math.max(endEpochMillis, other.endEpochMillis),
                sent + other.sent,
                failed + other.failed,
                bytes + other.bytes,
                measuredSent + other.measuredSent,
                measuredBytes + other.measuredBytes,
                measuredFailed + other.measuredFailed,
                errs,
                ack,
                intended,
                delay,
                mergedRatio(other),
                settings,
                shortfall.plus(other.shortfall),
                fireAndForget || other.fireAndForget,
                handed,
                cpuSeconds == null || other.cpuSeconds == null ? null : cpuSeconds + other.cpuSeconds);
    }

    /** Byte-weighted mean of two ratios; a side that does not know its ratio does not count. */
    private Double mergedRatio(RunResult other) {
        if (compressionRatio == null) return other.compressionRatio;
        if (other.compressionRatio == null) return compressionRatio;
        return (compressionRatio * bytes + other.compressionRatio * other.bytes) / Math.max(1, bytes + other.bytes);
    }
}
