package io.loadgen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Timeline;
import io.loadgen.watch.GroupReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What the charts of {@link HtmlReport} draw, as the page's inline JSON: plain maps, lists and numbers, in columns
 * (one array per figure), rounded to what a chart can show so that a day-long run's page stays small. Times are
 * seconds since sending began, latencies milliseconds, rates records per second; a figure an interval does not have
 * (a latency with no measured record, a target when not paced) is null, and the chart leaves a gap.
 */
final class ReportData {

    /** Points per half the distance to 100% in the percentile plot: HdrHistogram's own plots use 5. */
    private static final int PERCENTILE_TICKS_PER_HALF_DISTANCE = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Rates of a group are taken over this much time: its consumption is read from its committed offsets, which move
     * in jumps when it commits every few seconds (the Java consumer's default is 5 s), and rates between two readings
     * would show the jumps, not the rate.
     */
    static final double RATE_WINDOW_SECONDS = 5;

    private ReportData() {}

    /**
     * JSON for inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} in it (they occur only in
     * strings, where JSON's escapes say the same), so no value can end the element or start markup.
     */
    static String json(Object data) {
        try {
            return MAPPER.writeValueAsString(data)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's data", e);
        }
    }

    static Map<String, Object> of(RunResult r, List<GroupReport> groups) {
        long t0 = r.window().startEpochMillis();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("runId", r.runId());
        d.put("measuredStart", seconds(r.window().measuredStartEpochMillis() - t0));
        d.put("end", seconds(r.window().endEpochMillis() - t0));
        Timeline timeline = r.timeline();
        d.put("intervals", intervals(timeline.intervals(), t0));
        List<Map<String, Object>> shards = new ArrayList<>();
        for (Timeline part : timeline.shards()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", part.shard() == null ? "shard ?" : "shard " + part.shard());
            s.put("t", column(part.intervals(), i -> seconds(midpoint(i) - t0)));
            s.put("rate", column(part.intervals(), i -> round(i.recordsPerSecond(), 2)));
            shards.add(s);
        }
        d.put("shards", shards);
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("sendToAck", percentiles(r.latencies().sendToAck()));
        if (r.latencies().paced())
            distribution.put("intended", percentiles(r.latencies().intended()));
        d.put("distribution", distribution);
        d.put(
                "groups",
                groups.stream()
                        .filter(g -> !g.series().isEmpty())
                        .map(ReportData::group)
                        .toList());
        d.put("partitions", r.shape().perPartition());
        return d;
    }

    private static Map<String, Object> intervals(List<Timeline.Interval> in, long t0) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("t", column(in, i -> seconds(midpoint(i) - t0)));
        c.put("start", column(in, i -> seconds(i.startEpochMillis() - t0)));
        c.put("end", column(in, i -> seconds(i.endEpochMillis() - t0)));
        c.put("sent", column(in, Timeline.Interval::sent));
        c.put("failed", column(in, Timeline.Interval::failed));
        c.put("rate", column(in, i -> round(i.recordsPerSecond(), 2)));
        c.put("target", column(in, i -> i.targetRate() == null ? null : round(i.targetRate(), 2)));
        c.put("sendToAck", latency(in, Timeline.Interval::sendToAck));
        c.put("intended", latency(in, Timeline.Interval::intended));
        Map<String, List<Long>> errors = new TreeMap<>();
        for (int k = 0; k < in.size(); k++) {
            for (Map.Entry<String, Long> e : in.get(k).errors().entrySet()) {
                List<Long> counts = errors.computeIfAbsent(e.getKey(), type -> zeros(in.size()));
                counts.set(k, e.getValue());
            }
        }
        c.put("errors", errors);
        return c;
    }

    private static Map<String, Object> latency(
            List<Timeline.Interval> in, Function<Timeline.Interval, Timeline.Percentiles> of) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("p50", column(in, i -> ms(of.apply(i), of.apply(i).p50())));
        c.put("p90", column(in, i -> ms(of.apply(i), of.apply(i).p90())));
        c.put("p99", column(in, i -> ms(of.apply(i), of.apply(i).p99())));
        c.put("p999", column(in, i -> ms(of.apply(i), of.apply(i).p999())));
        c.put("max", column(in, i -> ms(of.apply(i), of.apply(i).max())));
        return c;
    }

    /**
     * The percentile distribution as [x, ms] points, x = log10(1 / (1 - p)): 0 at p0, 1 at p90, 2 at p99. The 100%
     * point (x infinite) is placed at 1 in the number of values, where the last value of the histogram lies.
     */
    private static List<double[]> percentiles(Histogram h) {
        List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() == 0) return points;
        double last = 0;
        double end = Math.log10(Math.max(10, h.getTotalCount()));
        for (HistogramIterationValue v : h.percentiles(PERCENTILE_TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            double x = p >= 1 ? Math.max(end, last) : Math.log10(1 / (1 - p));
            if (x > end) x = end;
            last = Math.max(last, x);
            points.add(new double[] {round(x, 4), round(v.getValueIteratedTo() / 1000.0, 3)});
            if (p >= 1) break;
        }
        return points;
    }

    private static Map<String, Object> group(GroupReport g) {
        List<GroupReport.LagPoint> points = g.series();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("group", g.group());
        c.put("verdict", g.verdict().name());
        c.put("t", points.stream().map(p -> round(p.seconds(), 3)).toList());
        c.put("lag", points.stream().map(GroupReport.LagPoint::lagRecords).toList());
        c.put("lagSeconds", points.stream().map(p -> round(p.lagSeconds(), 3)).toList());
        List<Double> consumed = new ArrayList<>(), produced = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < points.size(); i++) {
            GroupReport.LagPoint b = points.get(i);
            while (from + 1 < i && points.get(from + 1).seconds() <= b.seconds() - RATE_WINDOW_SECONDS) from++;
            GroupReport.LagPoint a = points.get(from);
            double dt = b.seconds() - a.seconds();
            consumed.add(i > 0 && dt > 0 ? round((b.consumed() - a.consumed()) / dt, 2) : null);
            produced.add(i > 0 && dt > 0 ? round((b.produced() - a.produced()) / dt, 2) : null);
        }
        c.put("consumedRate", consumed);
        c.put("producedRate", produced);
        return c;
    }

    private static long midpoint(Timeline.Interval i) {
        return i.startEpochMillis() + (i.endEpochMillis() - i.startEpochMillis()) / 2;
    }

    private static <T> List<T> column(List<Timeline.Interval> in, Function<Timeline.Interval, T> figure) {
        List<T> c = new ArrayList<>(in.size());
        for (Timeline.Interval i : in) c.add(figure.apply(i));
        return c;
    }

    private static List<Long> zeros(int n) {
        List<Long> z = new ArrayList<>(n);
        for (int i = 0; i < n; i++) z.add(0L);
        return z;
    }

    /** Milliseconds of a percentile, or null for an interval without measured records. */
    private static Double ms(Timeline.Percentiles p, long micros) {
        return p.isEmpty() ? null : round(micros / 1000.0, 3);
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
