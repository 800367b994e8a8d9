package io.loadgen.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The files of {@code tune --target group:NAME}: a self-contained HTML page (inline SVG, no script, opens offline) of
 * consumed against produced records/s per trial, and the same as JSON. A group that keeps up sits on the diagonal;
 * one that falls behind flattens under it at its capacity.
 */
public final class GroupCapacityReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private GroupCapacityReport() {}

    /** The JSON document. */
    public record Document(
            String tuneId,
            String group,
            String topic,
            double capacity,
            double lowestFailing,
            String stopReason,
            List<GroupCapacity.Trial> trials) {}

    public static void writeJson(Path file, String tuneId, String group, String topic, GroupCapacity.Result r)
            throws IOException {
        createParent(file);
        Files.writeString(
                file,
                MAPPER.writeValueAsString(new Document(
                                tuneId, group, topic, r.capacity(), r.lowestFailing(), r.stopReason(), r.trials()))
                        + "\n");
    }

    public static void writeChart(Path file, String group, String topic, GroupCapacity.Result r) throws IOException {
        createParent(file);
        Files.writeString(file, html(group, topic, r));
    }

    static String html(String group, String topic, GroupCapacity.Result r) {
        StringBuilder sb = new StringBuilder(8_192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>loadgen tune: ")
                .append(escape(group))
                .append("</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}")
                .append(".kept{fill:#2e8b57}.behind{fill:#c0282d}.axis{stroke:#444}.grid{stroke:#ddd}")
                .append(".diag{stroke:#999;stroke-dasharray:4 4}.cap{stroke:#2e8b57;stroke-dasharray:2 3}")
                .append("text{font-size:12px}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}")
                .append("</style></head><body>\n<h1>Capacity of consumer group ")
                .append(escape(group))
                .append(" on topic ")
                .append(escape(topic))
                .append("</h1>\n<p>")
                .append(
                        r.capacity() > 0
                                ? String.format(Locale.ROOT, "About %,.0f records/s", r.capacity())
                                : "No rate kept up")
                .append(" (")
                .append(escape(r.stopReason()))
                .append("). Each point is a trial: records/s consumed against records/s produced. Green: the group ")
                .append(
                        "kept up (its lag stayed bounded and drained); red: it fell behind. Dashed: consumed = produced.")
                .append("</p>\n");
        sb.append(svg(r));
        sb.append(
                "<table><tr><th>--rate</th><th>produced/s</th><th>consumed/s</th><th>lag growth/s</th><th></th></tr>\n");
        for (GroupCapacity.Trial t : sorted(r)) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%,.0f</td><td>%,.0f</td><td>%,.0f</td><td>%s</td><td style=\"text-align:left\">%s</td></tr>%n",
                    t.rate(),
                    t.produced(),
                    t.consumed(),
                    t.lagSlope() > 0 ? String.format(Locale.ROOT, "%,.0f", t.lagSlope()) : "bounded",
                    escape(t.why())));
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    static String svg(GroupCapacity.Result r) {
        double max = 1;
        for (GroupCapacity.Trial t : r.trials()) max = Math.max(max, Math.max(t.produced(), t.consumed()));
        max *= 1.1;
        double plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        final double top = max;
        java.util.function.DoubleUnaryOperator x = v -> LEFT + v / top * plotW;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotH - v / top * plotH;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", W, H));
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            sb.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%,.0f</text>%n",
                    (double) LEFT,
                    y.applyAsDouble(v),
                    (double) (W - RIGHT),
                    y.applyAsDouble(v),
                    LEFT - 6.0,
                    y.applyAsDouble(v) + 4,
                    v,
                    x.applyAsDouble(v),
                    H - BOTTOM + 18.0,
                    v));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                        + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT,
                H - BOTTOM,
                W - RIGHT,
                H - BOTTOM,
                LEFT,
                TOP,
                LEFT,
                H - BOTTOM));
        sb.append(String.format(
                Locale.ROOT,
                "<line class=\"diag\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                x.applyAsDouble(0),
                y.applyAsDouble(0),
                x.applyAsDouble(max),
                y.applyAsDouble(max)));
        if (r.capacity() > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<line class=\"cap\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">capacity %,.0f/s</text>%n",
                    x.applyAsDouble(r.capacity()),
                    TOP,
                    x.applyAsDouble(r.capacity()),
                    H - BOTTOM,
                    x.applyAsDouble(r.capacity()) + 4,
                    TOP + 12,
                    r.capacity()));
        }
        for (GroupCapacity.Trial t : r.trials()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"><title>--rate %,.0f: produced %,.0f/s, "
                            + "consumed %,.0f/s; %s</title></circle>%n",
                    t.keptUp() ? "kept" : "behind",
                    x.applyAsDouble(t.produced()),
                    y.applyAsDouble(t.consumed()),
                    t.rate(),
                    t.produced(),
                    t.consumed(),
                    escape(t.why())));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">produced records/s</text>"
                        + "<text transform=\"translate(20,%d) rotate(-90)\" text-anchor=\"middle\">consumed records/s"
                        + "</text>%n</svg>%n",
                LEFT + plotW / 2,
                H - 12,
                TOP + (int) plotH / 2));
        return sb.toString();
    }

    private static List<GroupCapacity.Trial> sorted(GroupCapacity.Result r) {
        return r.trials().stream()
                .sorted(Comparator.comparingDouble(GroupCapacity.Trial::rate))
                .toList();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    private static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
