package io.loadgen.stats;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Builds a {@link RunResult} for tests, through its one canonical constructor: a test names the figures that matter to
 * it and leaves the rest at these defaults: run {@code run-1}, {@link RunResult.Status#COMPLETED COMPLETED} ("done"),
 * every time 0, every count 0, no errors, empty latency histograms, compression ratio and CPU time unknown, no
 * settings, no shortfall, acknowledged (not acks=0), no per-sender counts, no run card.
 */
public final class Results {

    private String runId = "run-1";
    private RunResult.Status status = RunResult.Status.COMPLETED;
    private String stopReason = "done";
    private long startEpochMillis;
    private long measuredStartEpochMillis;
    private long endEpochMillis;
    private long sent;
    private long failed;
    private long bytes;
    private long measuredSent;
    private long measuredBytes;
    private long measuredFailed;
    private Map<String, Long> errors = Map.of();
    private Histogram sendToAckLatency;
    private Histogram intendedLatency;
    private Histogram scheduleDelay;
    private Double compressionRatio;
    private Map<String, Object> settings = Map.of();
    private Shortfall shortfall = Shortfall.NONE;
    private boolean fireAndForget;
    private Map<String, Long> handedBySender = Map.of();
    private Double cpuSeconds;
    private RecordShape shape;
    private RunCard runCard;
    private Timeline timeline;

    private Results() {}

    public static Results builder() {
        return new Results();
    }

    /** Starts from every figure of {@code r}. */
    public static Results from(RunResult r) {
        return builder()
                .runId(r.runId())
                .status(r.status())
                .stopReason(r.stopReason())
                .startEpochMillis(r.window().startEpochMillis())
                .measuredStartEpochMillis(r.window().measuredStartEpochMillis())
                .endEpochMillis(r.window().endEpochMillis())
                .sent(r.total().sent())
                .failed(r.total().failed())
                .bytes(r.total().bytes())
                .measuredSent(r.measured().sent())
                .measuredBytes(r.measured().bytes())
                .measuredFailed(r.measured().failed())
                .errors(r.errors())
                .sendToAckLatency(r.latencies().sendToAck())
                .intendedLatency(r.latencies().intended())
                .scheduleDelay(r.latencies().scheduleDelay())
                .compressionRatio(r.compressionRatio())
                .settings(r.settings())
                .shortfall(r.shortfall())
                .fireAndForget(r.fireAndForget())
                .handedBySender(r.handedBySender())
                .cpuSeconds(r.cpuSeconds())
                .runCard(r.runCard())
                .timeline(r.timeline());
    }

    public Results runId(String runId) {
        this.runId = runId;
        return this;
    }

    public Results status(RunResult.Status status) {
        this.status = status;
        return this;
    }

    public Results stopReason(String stopReason) {
        this.stopReason = stopReason;
        return this;
    }

    public Results startEpochMillis(long startEpochMillis) {
        this.startEpochMillis = startEpochMillis;
        return this;
    }

    public Results measuredStartEpochMillis(long measuredStartEpochMillis) {
        this.measuredStartEpochMillis = measuredStartEpochMillis;
        return this;
    }

    public Results endEpochMillis(long endEpochMillis) {
        this.endEpochMillis = endEpochMillis;
        return this;
    }

    public Results sent(long sent) {
        this.sent = sent;
        return this;
    }

    public Results failed(long failed) {
        this.failed = failed;
        return this;
    }

    public Results bytes(long bytes) {
        this.bytes = bytes;
        return this;
    }

    public Results measuredSent(long measuredSent) {
        this.measuredSent = measuredSent;
        return this;
    }

    public Results measuredBytes(long measuredBytes) {
        this.measuredBytes = measuredBytes;
        return this;
    }

    public Results measuredFailed(long measuredFailed) {
        this.measuredFailed = measuredFailed;
        return this;
    }

    public Results errors(Map<String, Long> errors) {
        this.errors = errors;
        return this;
    }

    public Results sendToAckLatency(Histogram sendToAckLatency) {
        this.sendToAckLatency = sendToAckLatency;
        return this;
    }

    public Results intendedLatency(Histogram intendedLatency) {
        this.intendedLatency = intendedLatency;
        return this;
    }

    public Results scheduleDelay(Histogram scheduleDelay) {
        this.scheduleDelay = scheduleDelay;
        return this;
    }

    public Results compressionRatio(Double compressionRatio) {
        this.compressionRatio = compressionRatio;
        return this;
    }

    public Results settings(Map<String, Object> settings) {
        this.settings = settings;
        return this;
    }

    public Results shortfall(Shortfall shortfall) {
        this.shortfall = shortfall;
        return this;
    }

    public Results fireAndForget(boolean fireAndForget) {
        this.fireAndForget = fireAndForget;
        return this;
    }

    public Results handedBySender(Map<String, Long> handedBySender) {
        this.handedBySender = handedBySender;
        return this;
    }

    public Results shape(RecordShape shape) {
        this.shape = shape;
        return this;
    }

    public Results timeline(Timeline timeline) {
        this.timeline = timeline;
        return this;
    }

    public Results cpuSeconds(Double cpuSeconds) {
        this.cpuSeconds = cpuSeconds;
        return this;
    }

    public Results runCard(RunCard runCard) {
        this.runCard = runCard;
        return this;
    }

    public RunResult build() {
        return new RunResult(
                runId,
                status,
                stopReason,
                new RunResult.Window(startEpochMillis, measuredStartEpochMillis, endEpochMillis),
                new RunResult.Counts(sent, failed, bytes),
                new RunResult.Counts(measuredSent, measuredFailed, measuredBytes),
                errors,
                new RunResult.Latencies(sendToAckLatency, intendedLatency, scheduleDelay),
                shortfall,
                fireAndForget,
                handedBySender,
                compressionRatio,
                cpuSeconds,
                shape,
                settings,
                runCard,
                timeline);
    }
}
