package io.loadgen.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.watch.GroupReport;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A shard result as JSON, histograms included (HdrHistogram's compressed encoding, base64), so a fleet report can
 * merge the exact distributions instead of averaging percentiles. The same document is written to the results
 * topic and to files that {@code loadgen report} accepts.
 */
public final class ResultCodec {

    /**
     * Bump when the document changes incompatibly; readers reject other versions. Fields added later (shortfall,
     * fireAndForget, handedBySender, cpuSeconds, consumerGroups, valueBytes, partitionRecords) read as absent from older documents.
     */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultCodec() {}

    /**
     * The wire form; field names are the contract with other versions of the tool, so they stay as they were when
     * {@link RunResult} was flat ({@code ackLatency} is its send-to-ack latency).
     */
    public record Document(
            int version,
            String runId,
            int shardIndex,
            int shardCount,
            long firstPosition,
            long positions,
            String status,
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
            String ackLatency,
            String intendedLatency,
            String scheduleDelay,
            Double compressionRatio,
            Map<String, Object> settings,
            Shortfall shortfall,
            boolean fireAndForget,
            Map<String, Long> handedBySender,
            Double cpuSeconds,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GroupReport> consumerGroups,
            @JsonInclude(JsonInclude.Include.NON_NULL) String valueBytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) long[] partitionRecords) {}

    public static String encode(ShardResult s) {
        RunResult r = s.result();
        RunResult.Window w = r.window();
        RunResult.Latencies l = r.latencies();
        Document d = new Document(
                VERSION,
                r.runId(),
                s.shard().index(),
                s.shard().count(),
                s.firstPosition(),
                s.positions(),
                r.status().name(),
                r.stopReason(),
                w.startEpochMillis(),
                w.measuredStartEpochMillis(),
                w.endEpochMillis(),
                r.total().sent(),
                r.total().failed(),
                r.total().bytes(),
                r.measured().sent(),
                r.measured().bytes(),
                r.measured().failed(),
                r.errors(),
                histogram(l.sendToAck()),
                histogram(l.intended()),
                histogram(l.scheduleDelay()),
                r.compressionRatio(),
                r.settings(),
                r.shortfall(),
                r.fireAndForget(),
                r.handedBySender(),
                r.cpuSeconds(),
                s.groups(),
                r.shape().valueBytes().getTotalCount() == 0
                        ? null
                        : histogram(r.shape().valueBytes()),
                r.shape().partitions() == 0 ? null : r.shape().perPartition());
        try {
            return MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode shard result", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a shard result of this version */
    public static ShardResult decode(String json) {
        Document d;
        try {
            d = MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a loadgen shard result: " + e.getOriginalMessage(), e);
        }
        if (d.version() != VERSION) {
            throw new IllegalArgumentException(
                    "shard result version " + d.version() + " is not supported (expected " + VERSION + ")");
        }
        RunResult r = new RunResult(
                d.runId(),
                RunResult.Status.valueOf(d.status()),
                d.stopReason(),
                new RunResult.Window(d.startEpochMillis(), d.measuredStartEpochMillis(), d.endEpochMillis()),
                new RunResult.Counts(d.sent(), d.failed(), d.bytes()),
                new RunResult.Counts(d.measuredSent(), d.measuredFailed(), d.measuredBytes()),
                d.errors() == null ? Map.of() : d.errors(),
                new RunResult.Latencies(
                        histogram(d.ackLatency()), histogram(d.intendedLatency()), histogram(d.scheduleDelay())),
                d.shortfall(),
                d.fireAndForget(),
                d.handedBySender(),
                d.compressionRatio(),
                d.cpuSeconds(),
                new RecordShape(sizes(d.valueBytes()), d.partitionRecords()),
                d.settings(),
                null);
        return new ShardResult(
                new ShardSpec(d.shardIndex(), d.shardCount()), d.firstPosition(), d.positions(), r, d.consumerGroups());
    }

    private static Histogram sizes(String base64) {
        Histogram h = RecordShape.newSizeHistogram();
        if (base64 != null && !base64.isEmpty()) h.add(decoded(base64, "value size"));
        return h;
    }

    static String histogram(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram histogram(String base64) {
        if (base64 == null || base64.isEmpty()) return LatencyHistograms.empty();
        Histogram h = LatencyHistograms.empty();
        h.add(decoded(base64, "latency"));
        return h;
    }

    private static Histogram decoded(String base64, String what) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt " + what + " histogram in shard result", e);
        }
    }
}
