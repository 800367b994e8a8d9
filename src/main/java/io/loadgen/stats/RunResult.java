package io.loadgen.stats;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a run achieved, immutable. A thread, a pod and a fleet all produce one; {@link #plus} merges them exactly
 * (counts add up, histograms add up, the window spans both).
 *
 * <p>"Sent" is one quantity everywhere (this record, the JSON, the metrics, the summary): records the client
 * confirmed, which means the broker acknowledged them, or with acks=0 ({@code fireAndForget}) that they were written to
 * the network.
 *
 * @param status           how the run ended
 * @param stopReason       why it stopped, in words
 * @param window           when sending began, when the measured part began, when the last record was confirmed
 * @param total            every record, warm-up included
 * @param measured         records sent after warm-up: the base of rates, latencies and the error rate
 * @param errors           failed records by exception type
 * @param latencies        the latency histograms, measured records only
 * @param shortfall        what the run did not deliver besides failed records: records due but never sent, records
 *                         unconfirmed when it stopped waiting, stalls
 * @param fireAndForget    sent with acks=0: "sent" then means written to the network, not acknowledged
 * @param handedBySender   records each sender thread handed to the producer, keyed {@code shard/sender}: the length of
 *                         each sender's sequence, so {@code loadgen verify} can see a lost tail
 * @param compressionRatio uncompressed / compressed size reported by the client, or {@code null}
 * @param cpuSeconds       CPU time of the process (a fleet: of its processes) when the run ended, start-up included,
 *                         or {@code null} where the JVM cannot tell: what a pod needs to be sized
 * @param shape            the record sizes made and the records acknowledged per partition
 * @param settings         the resolved run settings, secrets masked
 * @param runCard          where it ran: the tool, the machine, the cluster and topic; null where not known (a result
 *                         of an older version, a tuning trial)
 * @param timeline         the figures of each report interval (a fleet: aligned in time, and each shard's own)
 */
public record RunResult(
        String runId,
        Status status,
        String stopReason,
        Window window,
        Counts total,
        Counts measured,
        Map<String, Long> errors,
        Latencies latencies,
        Shortfall shortfall,
        boolean fireAndForget,
        Map<String, Long> handedBySender,
        Double compressionRatio,
        Double cpuSeconds,
        RecordShape shape,
        Map<String, Object> settings,
        RunCard runCard,
        Timeline timeline) {

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

    /**
     * The run's time line, epoch milliseconds.
     *
     * @param startEpochMillis         when sending began
     * @param measuredStartEpochMillis when the measured part began (after warm-up)
     * @param endEpochMillis           when the last record was confirmed or given up (after the final flush)
     */
    public record Window(long startEpochMillis, long measuredStartEpochMillis, long endEpochMillis) {

        /** Seconds of the measured part. */
        public double measuredSeconds() {
            return Math.max(0, endEpochMillis - measuredStartEpochMillis) / 1000.0;
        }

        /** Seconds from the first send to the last confirmation. */
        public double elapsedSeconds() {
            return Math.max(0, endEpochMillis - startEpochMillis) / 1000.0;
        }

        /** The window that spans both. */
        public Window plus(Window other) {
            return new Window(
                    Math.min(startEpochMillis, other.startEpochMillis),
                    Math.min(measuredStartEpochMillis, other.measuredStartEpochMillis),
                    Math.max(endEpochMillis, other.endEpochMillis));
        }
    }

    /**
     * Records and their bytes.
     *
     * @param sent   records sent (see the record's Javadoc for what "sent" means)
     * @param failed records that will never be sent
     * @param bytes  key and value bytes of the records sent
     */
    public record Counts(long sent, long failed, long bytes) {

        public static final Counts ZERO = new Counts(0, 0, 0);

        public Counts plus(Counts other) {
            return new Counts(sent + other.sent, failed + other.failed, bytes + other.bytes);
        }

        /** Failed / (sent + failed): the base of the error-rate gate. */
        public double errorRate() {
            long all = sent + failed;
            return all == 0 ? 0 : (double) failed / all;
        }
    }

    /**
     * Latency histograms in microseconds, of measured records.
     *
     * @param sendToAck     the send call to the broker's acknowledgement (with acks=0: to the network write)
     * @param intended      the scheduled send time to the acknowledgement; empty unless paced by --rate
     * @param scheduleDelay the scheduled send time to the send call (time spent behind schedule); empty unless paced
     */
    public record Latencies(Histogram sendToAck, Histogram intended, Histogram scheduleDelay) {

        public Latencies {
            sendToAck = sendToAck == null ? LatencyHistograms.empty() : sendToAck;
            intended = intended == null ? LatencyHistograms.empty() : intended;
            scheduleDelay = scheduleDelay == null ? LatencyHistograms.empty() : scheduleDelay;
        }

        public static Latencies empty() {
            return new Latencies(null, null, null);
        }

        /** Whether the run was paced: only a paced record has an intended send time. */
        public boolean paced() {
            return intended.getTotalCount() > 0;
        }

        /** Both sides' histograms added, into copies. */
        public Latencies plus(Latencies other) {
            return new Latencies(
                    added(sendToAck, other.sendToAck),
                    added(intended, other.intended),
                    added(scheduleDelay, other.scheduleDelay));
        }

        private static Histogram added(Histogram a, Histogram b) {
            Histogram sum = a.copy();
            sum.add(b);
            return sum;
        }
    }

    public RunResult {
        errors = Map.copyOf(errors);
        latencies = latencies == null ? Latencies.empty() : latencies;
        shortfall = shortfall == null ? Shortfall.NONE : shortfall;
        handedBySender = handedBySender == null ? Map.of() : Map.copyOf(handedBySender);
        shape = shape == null ? RecordShape.empty() : shape;
        settings = settings == null ? Map.of() : settings;
        timeline = timeline == null ? Timeline.empty() : timeline;
    }

    public long warmupSent() {
        return total.sent() - measured.sent();
    }

    public double recordsPerSecond() {
        double s = window.measuredSeconds();
        return s > 0 ? measured.sent() / s : 0;
    }

    public double mibPerSecond() {
        double s = window.measuredSeconds();
        return s > 0 ? measured.bytes() / s / (1024.0 * 1024.0) : 0;
    }

    /** The same result with another stop reason (a fleet's reason speaks for its shards). */
    public RunResult withStopReason(String reason) {
        return relabelled(reason, settings, runCard);
    }

    /** The same result with its run card (the command adds what only it knows: the tool's version). */
    public RunResult withRunCard(RunCard card) {
        return relabelled(stopReason, settings, card);
    }

    /** The same result with other settings (a fleet's: see the fleet report). */
    public RunResult withSettings(Map<String, Object> fleetSettings) {
        return relabelled(stopReason, fleetSettings, runCard);
    }

    /** The same figures under other words about them: what the withers change, none of them a count. */
    private RunResult relabelled(String reason, Map<String, Object> someSettings, RunCard card) {
        return new RunResult(
                runId,
                status,
                reason,
                window,
                total,
                measured,
                errors,
                latencies,
                shortfall,
                fireAndForget,
                handedBySender,
                compressionRatio,
                cpuSeconds,
                shape,
                someSettings,
                card,
                timeline);
    }

    /** CPU seconds of the process per million records sent, or {@code null} when not known or nothing was sent. */
    public Double cpuSecondsPerMillionRecords() {
        return cpuSeconds == null || total.sent() == 0 ? null : cpuSeconds / total.sent() * 1e6;
    }

    /** Records handed to the producer that are accounted for nowhere else: neither sent nor failed. */
    public long unconfirmed() {
        return shortfall.unconfirmed();
    }

    /**
     * Merges two results of the same run (threads, shards): counts and histograms add, the window spans both, the
     * timelines align in time ({@link Timeline#plus}); the settings and the run card are this one's, its processors
     * added to (see {@link RunCard#plus}).
     */
    public RunResult plus(RunResult other) {
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
                window.plus(other.window),
                total.plus(other.total),
                measured.plus(other.measured),
                errs,
                latencies.plus(other.latencies),
                shortfall.plus(other.shortfall),
                fireAndForget || other.fireAndForget,
                handed,
                mergedRatio(other),
                cpuSeconds == null || other.cpuSeconds == null ? null : cpuSeconds + other.cpuSeconds,
                shape.plus(other.shape),
                settings,
                runCard == null ? other.runCard : runCard.plus(other.runCard),
                timeline.plus(other.timeline));
    }

    /** Byte-weighted mean of two ratios; a side that does not know its ratio does not count. */
    private Double mergedRatio(RunResult other) {
        if (compressionRatio == null) return other.compressionRatio;
        if (other.compressionRatio == null) return compressionRatio;
        long bytes = total.bytes(), otherBytes = other.total.bytes();
        return (compressionRatio * bytes + other.compressionRatio * otherBytes) / Math.max(1, bytes + otherBytes);
    }
}
