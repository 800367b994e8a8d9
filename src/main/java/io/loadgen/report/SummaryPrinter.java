package io.loadgen.report;

import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import io.loadgen.watch.GroupReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The human summary at the end of a run. Settings come from the result, where secrets are already masked. */
public final class SummaryPrinter {

    private SummaryPrinter() {}

    public static void print(RunResult r, GateReport gates, PrintStream out) {
        print(r, gates, List.of(), out);
    }

    /** With a section per watched consumer group. */
    public static void print(RunResult r, GateReport gates, List<GroupReport> groups, PrintStream out) {
        out.print(text(r, gates, groups));
        out.flush();
    }

    public static String text(RunResult r, GateReport gates) {
        return text(r, gates, List.of());
    }

    /** Record sizes and the spread over partitions: what templates, size distributions and hot keys did. */
    private static void shape(StringBuilder sb, RecordShape s) {
        if (s.values() > 0) {
            row(
                    sb,
                    "record size",
                    String.format(
                            Locale.ROOT,
                            "mean %s B, p50 %s B, p99 %s B, max %s B (values)",
                            Numbers.count(Math.round(s.meanValueBytes())),
                            Numbers.count(s.valueBytesAt(50)),
                            Numbers.count(s.valueBytesAt(99)),
                            Numbers.count(s.maxValueBytes())));
        }
        if (s.partitions() > 0) {
            row(
                    sb,
                    "partitions",
                    String.format(
                            Locale.ROOT,
                            "%d of %d written; records per partition max %s, mean %s (max/mean %.2f)",
                            s.partitionsWritten(),
                            s.partitions(),
                            Numbers.count(s.maxPerPartition()),
                            Numbers.count(Math.round(s.meanPerPartition())),
                            s.skew()));
        }
    }

    /** The summary, with a section per watched group and one on the SLO gates when any was set. */
    public static String text(RunResult r, GateReport gates, List<GroupReport> groups) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n=== loadgen summary: run ")
                .append(r.runId())
                .append(", ")
                .append(r.status())
                .append(" (")
                .append(r.stopReason())
                .append(") ===\n");
        row(
                sb,
                "records sent",
                Numbers.count(r.total().sent())
                        + (r.fireAndForget() ? " sent, not acknowledged (acks=0)" : " acknowledged")
                        + (r.warmupSent() > 0 ? " (" + Numbers.count(r.warmupSent()) + " in warm-up)" : "")
                        + ", " + Numbers.count(r.total().failed()) + " failed"
                        + (r.unconfirmed() > 0 ? ", " + Numbers.count(r.unconfirmed()) + " unconfirmed" : ""));
        shortfall(sb, r);
        row(
                sb,
                "bytes sent",
                Numbers.count(r.total().bytes()) + " (" + Numbers.mib(r.total().bytes() / 1048576.0) + " MiB)");
        shape(sb, r.shape());
        row(
                sb,
                "elapsed",
                String.format(
                        Locale.ROOT,
                        "%.3f s sending, %.3f s measured",
                        r.window().elapsedSeconds(),
                        r.window().measuredSeconds()));
        row(
                sb,
                "throughput",
                Numbers.rate(r.recordsPerSecond()) + " records/s, " + Numbers.mib(r.mibPerSecond()) + " MiB/s");
        row(sb, "latency send→ack", latency(r.latencies().sendToAck()));
        if (r.latencies().paced()) {
            row(sb, "latency from due", latency(r.latencies().intended()) + "  (includes time behind schedule)");
            row(
                    sb,
                    "behind schedule",
                    latency(r.latencies().scheduleDelay()) + "  (due time → handed to the producer)");
        }
        row(sb, "compression", compression(r.compressionRatio()));
        if (r.cpuSeconds() != null) {
            row(
                    sb,
                    "cpu",
                    String.format(Locale.ROOT, "%.2f s for the process, start-up included", r.cpuSeconds())
                            + (r.cpuSecondsPerMillionRecords() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            "; %.2f s per million records sent",
                                            r.cpuSecondsPerMillionRecords())));
        }
        if (r.runCard() != null) row(sb, "machine", RunCardLine.text(r.runCard()));
        row(
                sb,
                "errors",
                r.errors().isEmpty()
                        ? "none"
                        : r.errors().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(", ")));
        for (GroupReport g : groups) GroupLines.summary(sb, g);
        if (!gates.checks().isEmpty()) gates(sb, gates);
        sb.append("settings:\n");
        settings(sb, r.settings(), "  ");
        return sb.toString();
    }

    /**
     * Uncompressed against compressed size, in words: a ratio of 1 (compression none, or records that do not compress)
     * is "no smaller", where "1.00x smaller" read as a gain, and one under 1 (random bytes through gzip) is "larger".
     */
    static String compression(Double ratio) {
        if (ratio == null) return "n/a";
        String source = " on the wire (client's compression-rate-avg)";
        if (ratio >= 1.005) return String.format(Locale.ROOT, "%.2fx smaller", ratio) + source;
        if (ratio <= 1 / 1.005) return String.format(Locale.ROOT, "%.2fx larger", 1 / ratio) + source;
        return "no smaller" + source;
    }

    /** What the run did not deliver besides failed records, each figure only when there is something to say. */
    private static void shortfall(StringBuilder sb, RunResult r) {
        Shortfall f = r.shortfall();
        if (f.unconfirmed() > 0) {
            row(
                    sb,
                    "unconfirmed",
                    Numbers.count(f.unconfirmed()) + " records handed to the producer were neither "
                            + "acknowledged nor failed when the run stopped waiting for them; they may or may not be in the topic");
        }
        if (f.notSent() > 0) {
            row(
                    sb,
                    "not sent",
                    Numbers.count(f.notSent()) + (f.notSent() == 1 ? " record was" : " records were")
                            + " due by the schedule but never handed to the producer"
                            + (f.behindMillis() > 0
                                    ? String.format(
                                            Locale.ROOT,
                                            " (%.1f s behind schedule at the end)",
                                            f.behindMillis() / 1000.0)
                                    : ""));
        }
        stalls(
                sb,
                "sending stalled",
                f.sending(),
                r.window().startEpochMillis(),
                "no record handed to the producer although records were due");
        stalls(
                sb,
                "acks stalled",
                f.acks(),
                r.window().startEpochMillis(),
                "records in flight, none acknowledged or failed");
        if (r.fireAndForget()) {
            row(
                    sb,
                    "acks=0",
                    "the broker confirms nothing: a record counts as sent once written to the network, so "
                            + "records lost on the way or at a broker restart are counted as sent; 'loadgen verify --result FILE' "
                            + "(with --sequence-header and --result-file) finds them");
        }
    }

    private static void stalls(StringBuilder sb, String label, Stalls s, long startEpochMillis, String meaning) {
        if (!s.any()) return;
        row(
                sb,
                label,
                String.format(
                        Locale.ROOT,
                        "%d time%s, %.1f s in all; longest %.1f s from %.1f s into the run (%s)",
                        s.count(),
                        s.count() == 1 ? "" : "s",
                        s.totalMillis() / 1000.0,
                        s.longestMillis() / 1000.0,
                        Math.max(0, s.longestStartEpochMillis() - startEpochMillis) / 1000.0,
                        meaning));
    }

    static String latency(Histogram h) {
        if (h.getTotalCount() == 0) return "n/a (no measured records)";
        return "ms p50 " + Numbers.ms(h.getValueAtPercentile(50)) + "  p90 " + Numbers.ms(h.getValueAtPercentile(90))
                + "  p99 " + Numbers.ms(h.getValueAtPercentile(99)) + "  p99.9 "
                + Numbers.ms(h.getValueAtPercentile(99.9))
                + "  max " + Numbers.ms(h.getMaxValue());
    }

    private static void gates(StringBuilder sb, GateReport gates) {
        int failed = gates.failures().size();
        row(
                sb,
                "SLO gates",
                (failed == 0
                                ? "all " + gates.checks().size() + " passed"
                                : "FAILED " + failed + " of " + gates.checks().size())
                        + "  (measured window; latency " + gates.latencyBasis().words() + ")");
        for (GateReport.Check c : gates.checks()) {
            sb.append(String.format("  %s  %-17s %s%n", c.passed() ? "PASS" : "FAIL", c.gate(), verdict(c)));
        }
    }

    /**
     * {@code 48.900 ms, limit 10.000 ms: over by 38.900 ms (4.9x the limit)}, or for the throughput floor
     * {@code ...: short by 244 records/s (12.2%)}; the margin only when the gate failed.
     */
    static String verdict(GateReport.Check c) {
        if (Double.isNaN(c.actual())) {
            return (c.gate().startsWith(GateReport.MAX_DRAIN_TIME)
                            ? "not drained within --drain-timeout"
                            : "nothing measured")
                    + ", limit " + value(c.limit(), c.unit());
        }
        String text = value(c.actual(), c.unit()) + ", limit " + value(c.limit(), c.unit());
        if (c.passed()) return text;
        if (c.gate().equals(GateReport.MIN_THROUGHPUT)) {
            return text + ": short by " + value(c.excess(), c.unit())
                    + String.format(Locale.ROOT, " (%.1f%%)", 100 * c.excess() / c.limit());
        }
        String times = c.limit() > 0 ? String.format(Locale.ROOT, " (%.1fx the limit)", c.actual() / c.limit()) : "";
        return text + ": over by " + value(c.excess(), c.unit()) + times;
    }

    static String value(double v, String unit) {
        return switch (unit) {
            case "ratio" -> Numbers.percent(v);
            case "ms" -> String.format(Locale.ROOT, "%.3f ms", v);
            case "s" -> String.format(Locale.ROOT, "%.1f s", v);
            case "records" -> Numbers.count((long) v) + " records";
            default -> Numbers.rate(v) + " " + unit;
        };
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-18s %s%n", label, value));
    }

    @SuppressWarnings("unchecked")
    private static void settings(StringBuilder sb, Map<String, Object> settings, String indent) {
        settings.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                sb.append(indent).append(k).append(":\n");
                settings(sb, (Map<String, Object>) m, indent + "  ");
            } else {
                sb.append(indent).append(k).append(" = ").append(v).append('\n');
            }
        });
    }
}
