package io.loadgen.report;

import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Timeline;
import io.loadgen.watch.GroupReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * {@code --report-html}: a run, or a fleet, as one self-contained HTML page that opens offline and can be attached to a
 * ticket. The figures and tables are HTML made here; the charts are drawn in the browser as inline SVG by an inline
 * script ({@code report/charts.js}) from the page's data ({@link ReportData}), an inline JSON object. The page loads
 * nothing: no network, no fonts, no external script or style.
 *
 * <p>For tests and headless browsers: every chart's {@code <svg>} says how many points it drew in
 * {@code data-points} ({@code data-empty} says why none), the body gets {@code data-rendered="ok"} once every chart
 * drew, and any script error lands in the body's {@code data-errors}.
 *
 * <p>Settings come from the result, where secrets are already masked.
 */
public final class HtmlReport {

    private static final String SCRIPT = resource("charts.js");
    private static final String STYLE = resource("report.css");

    /** One shard of a fleet: its label ({@code 0/3}) and its result. */
    public record Shard(String label, RunResult result) {}

    private HtmlReport() {}

    /**
     * @param shards a fleet's shards, for the per-shard table; empty for one run
     */
    public static void write(RunResult r, GateReport gates, List<GroupReport> groups, List<Shard> shards, Path file)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, html(r, gates, groups, shards));
    }

    public static String html(RunResult r, GateReport gates, List<GroupReport> groups, List<Shard> shards) {
        boolean fleet = !shards.isEmpty();
        String title = fleet
                ? "loadgen fleet report: run " + r.runId() + ", " + shards.size() + " shard"
                        + (shards.size() == 1 ? "" : "s")
                : "loadgen run " + r.runId();
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style></head>\n<body>\n");
        header(sb, title, r, gates);
        gates(sb, gates);
        charts(sb, r, groups);
        groups(sb, groups);
        shape(sb, r.shape());
        if (fleet) shards(sb, shards);
        sb.append("<section><h2>Settings</h2>\n");
        if (fleet) {
            sb.append("<p class=\"note\">The fleet's settings: records, rate and a warm-up count added up over the"
                    + " shards' results, shards the fleet's size; threads and producers are each shard's, the rest as"
                    + " every shard ran it.</p>\n");
        }
        settings(sb, r.settings());
        sb.append("</section>\n");
        sb.append("<footer>Written by loadgen at ")
                .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(". This page loads nothing from the network; its data is in it.</footer>\n");
        sb.append("<script type=\"application/json\" id=\"loadgen-data\">")
                .append(ReportData.json(ReportData.of(r, groups)))
                .append("</script>\n<script>\n")
                .append(SCRIPT)
                .append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, String title, RunResult r, GateReport gates) {
        sb.append("<header>\n<h1>").append(escape(title)).append("</h1>\n");
        sb.append("<p><span class=\"status ")
                .append(r.status().name().toLowerCase(Locale.ROOT))
                .append("\">")
                .append(r.status())
                .append("</span> ")
                .append(escape(r.stopReason()))
                .append("</p>\n");
        sb.append(String.format(
                Locale.ROOT,
                "<p class=\"note\">From %s to %s: %.1f s sending, %.1f s measured%s.</p>%n",
                Instant.ofEpochMilli(r.window().startEpochMillis()),
                Instant.ofEpochMilli(r.window().endEpochMillis()),
                r.window().elapsedSeconds(),
                r.window().measuredSeconds(),
                r.warmupSent() > 0 ? " (after " + Numbers.count(r.warmupSent()) + " records of warm-up)" : ""));
        sb.append("<div class=\"figures\">\n");
        figure(
                sb,
                Numbers.count(r.total().sent()),
                r.fireAndForget() ? "records sent (acks=0: not acknowledged)" : "records sent (acknowledged)");
        figure(sb, Numbers.rate(r.recordsPerSecond()), "records/s (" + Numbers.mib(r.mibPerSecond()) + " MiB/s)");
        Histogram latency =
                r.latencies().paced() ? r.latencies().intended() : r.latencies().sendToAck();
        figure(
                sb,
                latency.getTotalCount() == 0 ? "n/a" : Numbers.ms(latency.getValueAtPercentile(99)) + " ms",
                "p99 latency, " + gates.latencyBasis().words());
        long failed = r.total().failed();
        figure(
                sb,
                Numbers.count(failed),
                "errors (" + Numbers.percent(r.measured().errorRate()) + " of measured)"
                        + (r.unconfirmed() > 0 ? ", " + Numbers.count(r.unconfirmed()) + " unconfirmed" : ""),
                failed > 0 ? "bad" : null);
        if (!gates.checks().isEmpty()) {
            int missed = gates.failures().size();
            figure(
                    sb,
                    missed == 0 ? "PASS" : "FAIL",
                    missed == 0
                            ? "all " + gates.checks().size() + " SLO gates passed"
                            : missed + " of " + gates.checks().size() + " SLO gates missed",
                    missed == 0 ? "good" : "bad");
        }
        sb.append("</div>\n</header>\n");
    }

    private static void figure(StringBuilder sb, String value, String label) {
        figure(sb, value, label, null);
    }

    private static void figure(StringBuilder sb, String value, String label, String tone) {
        sb.append("<div class=\"figure")
                .append(tone == null ? "" : " " + tone)
                .append("\"><span class=\"value\">")
                .append(escape(value))
                .append("</span><span class=\"label\">")
                .append(escape(label))
                .append("</span></div>\n");
    }

    private static void gates(StringBuilder sb, GateReport gates) {
        if (gates.checks().isEmpty()) return;
        sb.append(
                        "<section><h2>SLO gates</h2>\n<p class=\"note\">Over the measured window; latency gates judge latency ")
                .append(escape(gates.latencyBasis().words()))
                .append(".</p>\n<table class=\"gates\"><thead><tr><th></th><th>gate</th><th>actual</th><th>limit</th>"
                        + "<th>by how much</th></tr></thead><tbody>\n");
        for (GateReport.Check c : gates.checks()) {
            sb.append("<tr><td><span class=\"verdict ")
                    .append(c.passed() ? "pass\">PASS" : "fail\">FAIL")
                    .append("</span></td><td>")
                    .append(escape(c.gate()))
                    .append("</td><td class=\"num\">")
                    .append(
                            Double.isNaN(c.actual())
                                    ? "nothing measured"
                                    : escape(SummaryPrinter.value(c.actual(), c.unit())))
                    .append("</td><td class=\"num\">")
                    .append(escape(SummaryPrinter.value(c.limit(), c.unit())))
                    .append("</td><td>")
                    .append(escape(margin(c)))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    /** {@code over by 38.900 ms (4.9x the limit)}, {@code short by 244 records/s (12.2%)}, {@code 12.000 ms to spare}. */
    static String margin(GateReport.Check c) {
        if (Double.isNaN(c.actual())) return "";
        double excess = c.excess();
        if (!c.passed()) {
            String text = SummaryPrinter.verdict(c);
            int colon = text.lastIndexOf(": ");
            return colon < 0 ? text : text.substring(colon + 2);
        }
        return SummaryPrinter.value(Math.abs(excess), c.unit()) + " to spare";
    }

    private static void charts(StringBuilder sb, RunResult r, List<GroupReport> groups) {
        boolean paced = r.latencies().paced() || r.timeline().paced();
        boolean fleet = !r.timeline().shards().isEmpty();
        sb.append("<section><h2>Over time</h2>\n");
        if (r.timeline().isEmpty()) {
            sb.append("<p class=\"note\">This result holds no figures per interval (written by an older loadgen);"
                    + " the charts over time are empty.</p>\n");
        } else {
            sb.append("<p class=\"note\">One point per interval of ")
                    .append(String.format(Locale.ROOT, "%.3g s", r.timeline().intervalMillis() / 1000.0))
                    .append(", at its middle; time in seconds since sending began. Hover a chart for its values.")
                    .append(String.format(
                            Locale.ROOT,
                            " A run of more than %,d intervals keeps fewer, longer ones, whose latencies are the"
                                    + " highest of the intervals merged (an upper bound).",
                            Timeline.MAX_INTERVALS))
                    .append(fleet ? " A fleet's latencies per interval are the highest of its shards'." : "")
                    .append("</p>\n");
        }
        chart(
                sb,
                "chart-throughput",
                "Throughput: records/s acknowledged" + (paced ? " against the target" : "")
                        + (fleet ? ", the fleet's and each shard's" : ""));
        chart(
                sb,
                "chart-latency",
                "Latency per interval, ms (log scale): send→ack" + (paced ? " and from the intended send time" : ""));
        chart(sb, "chart-errors", "Failed records per interval, by error type");
        boolean lag = groups.stream().anyMatch(g -> !g.series().isEmpty());
        if (lag) {
            chart(sb, "chart-lag-records", "Consumer-group lag, records");
            chart(sb, "chart-lag-seconds", "Consumer-group lag, seconds (age of the oldest unconsumed record)");
            chart(
                    sb,
                    "chart-consumed",
                    String.format(
                            Locale.ROOT,
                            "Records/s consumed by each group (from its commits), against records/s written to the"
                                    + " topic; each over the last %.0f s",
                            ReportData.RATE_WINDOW_SECONDS));
        }
        sb.append("</section>\n<section><h2>Latency distribution</h2>\n")
                .append(
                        "<p class=\"note\">HdrHistogram's percentile distribution of the measured records of the whole ")
                .append("run: the x axis spreads the tail (1/(1&minus;p), log scale), so p99.9 is as far from p99 as ")
                .append("p99 from p90.")
                .append(paced ? " From the intended send time includes the time spent behind schedule." : "")
                .append("</p>\n");
        chart(sb, "chart-distribution", "Latency by percentile, ms (log scale)");
        sb.append("<table class=\"latency\"><thead><tr><th>latency, ms</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th><th>records</th></tr></thead><tbody>\n");
        latencyRow(sb, "send→ack", r.latencies().sendToAck());
        if (paced) {
            latencyRow(sb, "from the intended send time", r.latencies().intended());
            latencyRow(sb, "behind schedule (due → handed over)", r.latencies().scheduleDelay());
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void chart(StringBuilder sb, String id, String caption) {
        sb.append("<figure><figcaption>")
                .append(escape(caption))
                .append("</figcaption><div class=\"chart\" id=\"")
                .append(id)
                .append("\"></div></figure>\n");
    }

    private static void latencyRow(StringBuilder sb, String label, Histogram h) {
        sb.append("<tr><td>").append(escape(label)).append("</td>");
        if (h.getTotalCount() == 0) {
            sb.append("<td colspan=\"6\">n/a (no measured records)</td></tr>\n");
            return;
        }
        for (double p : new double[] {50, 90, 99, 99.9}) {
            sb.append("<td class=\"num\">")
                    .append(Numbers.ms(h.getValueAtPercentile(p)))
                    .append("</td>");
        }
        sb.append("<td class=\"num\">")
                .append(Numbers.ms(h.getMaxValue()))
                .append("</td><td class=\"num\">")
                .append(Numbers.count(h.getTotalCount()))
                .append("</td></tr>\n");
    }

    private static void groups(StringBuilder sb, List<GroupReport> groups) {
        if (groups.isEmpty()) return;
        sb.append("<section><h2>Consumer groups</h2>\n<table><thead><tr><th>group</th><th>verdict</th>"
                + "<th>consumed</th><th>records/s</th><th>max lag</th><th>max lag, s</th><th>at the end</th>"
                + "</tr></thead><tbody>\n");
        for (GroupReport g : groups) {
            sb.append("<tr><td>")
                    .append(escape(g.group()))
                    .append("</td><td>")
                    .append(escape(GroupLines.verdict(g)))
                    .append("</td>");
            if (g.verdict() == GroupReport.Verdict.NOT_WATCHED) {
                sb.append("<td colspan=\"5\"></td></tr>\n");
                continue;
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%.1f</td><td class=\"num\">%s</td></tr>%n",
                    Numbers.count(g.consumed()),
                    Numbers.rate(g.consumedPerSecond()),
                    Numbers.count(g.maxLagRecords()),
                    g.maxLagSeconds(),
                    Numbers.count(g.endLagRecords())));
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void shape(StringBuilder sb, RecordShape s) {
        Histogram sizes = s.valueBytes();
        if (sizes.getTotalCount() == 0 && s.partitions() == 0) return;
        sb.append("<section><h2>Records: sizes and partitions</h2>\n");
        if (sizes.getTotalCount() > 0) {
            sb.append("<table class=\"sizes\"><thead><tr><th>value size, bytes</th><th>min</th><th>p50</th>"
                            + "<th>p90</th><th>p99</th><th>max</th><th>mean</th><th>values</th></tr></thead><tbody>"
                            + "<tr><td>record values made</td>")
                    // read as the summary reads them: HdrHistogram's own answers lie up to a bucket above a size
                    .append(cell(sizes.lowestEquivalentValue(sizes.getMinValue())))
                    .append(cell(s.valueBytesAt(50)))
                    .append(cell(s.valueBytesAt(90)))
                    .append(cell(s.valueBytesAt(99)))
                    .append(cell(s.maxValueBytes()))
                    .append(cell(Math.round(s.meanValueBytes())))
                    .append(cell(sizes.getTotalCount()))
                    .append("</tr></tbody></table>\n");
        }
        if (s.partitions() > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<p class=\"note\">%d of %d partitions written; records per partition min %s, mean %s, max %s "
                            + "(max/mean %.2f: 1 is even, hot keys push it up).</p>%n",
                    s.partitionsWritten(),
                    s.partitions(),
                    Numbers.count(s.minPerPartition()),
                    Numbers.count(Math.round(s.meanPerPartition())),
                    Numbers.count(s.maxPerPartition()),
                    s.skew()));
            chart(sb, "chart-partitions", "Records acknowledged per partition");
        }
        sb.append("</section>\n");
    }

    private static String cell(long v) {
        return "<td class=\"num\">" + Numbers.count(v) + "</td>";
    }

    private static void shards(StringBuilder sb, List<Shard> shards) {
        sb.append("<section><h2>Shards</h2>\n<table><thead><tr><th>shard</th><th>status</th><th>sent</th>"
                + "<th>failed</th><th>records/s</th><th>p99 ms</th><th>errors</th></tr></thead><tbody>\n");
        for (Shard s : shards) {
            RunResult r = s.result();
            Histogram h = r.latencies().paced()
                    ? r.latencies().intended()
                    : r.latencies().sendToAck();
            sb.append("<tr><td>")
                    .append(escape(s.label()))
                    .append("</td><td><span class=\"status ")
                    .append(r.status().name().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(r.status())
                    .append("</span></td>")
                    .append(cell(r.total().sent()))
                    .append(cell(r.total().failed()))
                    .append("<td class=\"num\">")
                    .append(Numbers.rate(r.recordsPerSecond()))
                    .append("</td><td class=\"num\">")
                    .append(h.getTotalCount() == 0 ? "n/a" : Numbers.ms(h.getValueAtPercentile(99)))
                    .append("</td><td>")
                    .append(escape(
                            r.errors().isEmpty()
                                    ? "none"
                                    : r.errors().entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .collect(Collectors.joining(", "))))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    @SuppressWarnings("unchecked")
    private static void settings(StringBuilder sb, Map<String, Object> settings) {
        sb.append("<table class=\"settings\"><tbody>\n");
        settings.forEach((k, v) -> {
            sb.append("<tr><th>").append(escape(k)).append("</th><td>");
            if (v instanceof Map<?, ?> m) settings(sb, (Map<String, Object>) m);
            else sb.append(escape(String.valueOf(v)));
            sb.append("</td></tr>\n");
        });
        sb.append("</tbody></table>\n");
    }

    static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
            if (in == null) throw new IllegalStateException("report/" + name + " is missing from the application");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
