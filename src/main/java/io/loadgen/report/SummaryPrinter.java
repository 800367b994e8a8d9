package io.loadgen.report;

import io.loadgen.stats.RunResult;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary at the end of a run. Settings come from the result, where secrets are already masked. */
public final class SummaryPrinter {

    private SummaryPrinter() {
    }

    public static void print(RunResult r, PrintStream out) {
        out.print(text(r));
        out.flush();
    }

    public static String text(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n=== loadgen summary: run ").append(r.runId()).append(", ").append(r.status())
                .append(" (").append(r.stopReason()).append(") ===\n");
        row(sb, "records sent", Numbers.count(r.sent()) + " acknowledged"
                + (r.warmupSent() > 0 ? " (" + Numbers.count(r.warmupSent()) + " in warm-up)" : "")
                + ", " + Numbers.count(r.failed()) + " failed");
        row(sb, "bytes sent", Numbers.count(r.bytes()) + " (" + Numbers.mib(r.bytes() / 1048576.0) + " MiB)");
        row(sb, "elapsed", String.format("%.3f s sending, %.3f s measured", r.elapsedSeconds(), r.measuredSeconds()));
        row(sb, "throughput", Numbers.rate(r.recordsPerSecond()) + " records/s, " + Numbers.mib(r.mibPerSecond()) + " MiB/s");
        row(sb, "latency send→ack", latency(r.ackLatency()));
        if (r.paced()) row(sb, "latency from due", latency(r.intendedLatency()) + "  (includes time behind schedule)");
        row(sb, "compression", r.compressionRatio() == null ? "n/a"
                : String.format("%.2fx smaller on the wire (client's compression-rate-avg)", r.compressionRatio()));
        row(sb, "errors", r.errors().isEmpty() ? "none" : r.errors().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        sb.append("settings:\n");
        settings(sb, r.settings(), "  ");
        return sb.toString();
    }

    static String latency(Histogram h) {
        if (h.getTotalCount() == 0) return "n/a (no measured records)";
        return "ms p50 " + Numbers.ms(h.getValueAtPercentile(50)) + "  p90 " + Numbers.ms(h.getValueAtPercentile(90))
                + "  p99 " + Numbers.ms(h.getValueAtPercentile(99)) + "  p99.9 " + Numbers.ms(h.getValueAtPercentile(99.9))
                + "  max " + Numbers.ms(h.getMaxValue());
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
