package io.loadgen.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Timeline;
import io.loadgen.watch.GroupReport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
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
     * fireAndForget, handedBySender, cpuSeconds, consumerGroups, valueBytes, partitionRecords, runCard, timeline) read as
     * absent from older documents.
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
            @JsonInclude(JsonInclude.Include.NON_NULL) long[] partitionRecords,
            @JsonInclude(JsonInclude.Include.NON_NULL) RunCard runCard,
            @JsonInclude(JsonInclude.Include.NON_NULL) TimelineDocument timeline) {}

    /**
     * A {@link Timeline} in columns, one array element per interval: a day-long run's 1,440 intervals as objects with
     * field names would crowd the results topic's 1 MB message limit, columns of numbers stay well below it.
     *
     * @param startEpochMillis the first interval's start; {@code starts} and {@code ends} are milliseconds after it
     * @param targetRate       records/s asked for, an element null for an interval that was not paced; absent when
     *                         none was
     * @param errors           failed records per interval, by error type
     * @param sendToAck        latency percentiles per interval, microseconds; {@code intended} and
     *                         {@code scheduleDelay} absent when the run was not paced
     * @param shards           a fleet's: each shard's own timeline
     */
    public record TimelineDocument(
            Integer shard,
            long intervalMillis,
            long startEpochMillis,
            long[] starts,
            long[] ends,
            long[] sent,
            long[] failed,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double[] targetRate,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, long[]> errors,
            LatencyColumns sendToAck,
            @JsonInclude(JsonInclude.Include.NON_NULL) LatencyColumns intended,
            @JsonInclude(JsonInclude.Include.NON_NULL) LatencyColumns scheduleDelay,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TimelineDocument> shards) {}

    /** Percentiles of one latency per interval, microseconds; {@code count} 0 where nothing was measured. */
    public record LatencyColumns(long[] count, long[] p50, long[] p90, long[] p99, long[] p999, long[] max) {}

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
                r.shape().partitions() == 0 ? null : r.shape().perPartition(),
                r.runCard(),
                r.timeline().isEmpty() ? null : timeline(r.timeline()));
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
        if (d.version() == 0) {
            // No version at all: some other loadgen JSON, most often a run's summary given where a result belongs.
            throw new IllegalArgumentException("not a loadgen shard result (a run's --summary-json? 'loadgen report'"
                    + " merges the files that 'run --result-file' writes, or the results topic)");
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
                d.runCard(),
                d.timeline() == null ? null : timeline(d.timeline()));
        return new ShardResult(
                new ShardSpec(d.shardIndex(), d.shardCount()), d.firstPosition(), d.positions(), r, d.consumerGroups());
    }

    static TimelineDocument timeline(Timeline t) {
        List<Timeline.Interval> in = t.intervals();
        int n = in.size();
        long origin = n == 0 ? 0 : in.get(0).startEpochMillis();
        long[] starts = new long[n], ends = new long[n], sent = new long[n], failed = new long[n];
        Double[] target = new Double[n];
        Map<String, long[]> errors = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Timeline.Interval iv = in.get(i);
            starts[i] = iv.startEpochMillis() - origin;
            ends[i] = iv.endEpochMillis() - origin;
            sent[i] = iv.sent();
            failed[i] = iv.failed();
            target[i] = iv.targetRate();
            for (Map.Entry<String, Long> e : iv.errors().entrySet()) {
                errors.computeIfAbsent(e.getKey(), k -> new long[n])[i] = e.getValue();
            }
        }
        boolean paced = t.paced() || in.stream().anyMatch(iv -> !iv.intended().isEmpty());
        return new TimelineDocument(
                t.shard(),
                t.intervalMillis(),
                origin,
                starts,
                ends,
                sent,
                failed,
                t.paced() ? target : null,
                errors,
                columns(in, Timeline.Interval::sendToAck),
                paced ? columns(in, Timeline.Interval::intended) : null,
                paced ? columns(in, Timeline.Interval::scheduleDelay) : null,
                t.shards().stream().map(ResultCodec::timeline).toList());
    }

    private static LatencyColumns columns(
            List<Timeline.Interval> in, Function<Timeline.Interval, Timeline.Percentiles> latency) {
        int n = in.size();
        long[] count = new long[n],
                p50 = new long[n],
                p90 = new long[n],
                p99 = new long[n],
                p999 = new long[n],
                max = new long[n];
        for (int i = 0; i < n; i++) {
            Timeline.Percentiles p = latency.apply(in.get(i));
            count[i] = p.count();
            p50[i] = p.p50();
            p90[i] = p.p90();
            p99[i] = p.p99();
            p999[i] = p.p999();
            max[i] = p.max();
        }
        return new LatencyColumns(count, p50, p90, p99, p999, max);
    }

    static Timeline timeline(TimelineDocument d) {
        int n = d.starts() == null ? 0 : d.starts().length;
        if (!sameLength(n, d.ends(), d.sent(), d.failed())
                || (d.targetRate() != null && d.targetRate().length != n)
                || (d.errors() != null && d.errors().values().stream().anyMatch(a -> a == null || a.length != n))
                || !fits(n, d.sendToAck())
                || !fits(n, d.intended())
                || !fits(n, d.scheduleDelay())) {
            throw new IllegalArgumentException("corrupt timeline in shard result: its columns differ in length");
        }
        List<Timeline.Interval> intervals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Long> errors = new TreeMap<>();
            if (d.errors() != null) {
                for (Map.Entry<String, long[]> e : d.errors().entrySet()) {
                    if (e.getValue()[i] != 0) errors.put(e.getKey(), e.getValue()[i]);
                }
            }
            intervals.add(new Timeline.Interval(
                    d.startEpochMillis() + d.starts()[i],
                    d.startEpochMillis() + d.ends()[i],
                    d.sent()[i],
                    d.failed()[i],
                    errors,
                    d.targetRate() == null ? null : d.targetRate()[i],
                    percentiles(d.sendToAck(), i),
                    percentiles(d.intended(), i),
                    percentiles(d.scheduleDelay(), i)));
        }
        List<Timeline> shards = d.shards() == null
                ? List.of()
                : d.shards().stream().map(ResultCodec::timeline).toList();
        return new Timeline(d.shard(), d.intervalMillis(), intervals, shards);
    }

    private static boolean sameLength(int n, long[]... columns) {
        for (long[] c : columns) if (c == null || c.length != n) return false;
        return true;
    }

    /** Absent, or every column as long as the timeline. */
    private static boolean fits(int n, LatencyColumns c) {
        return c == null || sameLength(n, c.count(), c.p50(), c.p90(), c.p99(), c.p999(), c.max());
    }

    private static Timeline.Percentiles percentiles(LatencyColumns c, int i) {
        if (c == null || c.count()[i] == 0) return Timeline.Percentiles.NONE;
        return new Timeline.Percentiles(c.count()[i], c.p50()[i], c.p90()[i], c.p99()[i], c.p999()[i], c.max()[i]);
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
