package io.loadgen.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput against p99 latency of every trial as one self-contained HTML page: inline SVG, no script, no external
 * CSS or fonts, so it opens offline and can be attached to a ticket. Hovering a point shows its settings. The x axis
 * is logarithmic: p99 spans milliseconds to seconds between a paced trial and a full buffer.
 */
public final class TuneChart {

    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private TuneChart() {}

    public static void write(TuneResult result, Map<String, String> fixed, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, html(result, fixed));
    }

    public static String html(TuneResult result, Map<String, String> fixed) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>loadgen tune</title>\n")
                .append(
                        "<style>body{font-family:sans-serif;margin:24px;color:#222}pre{font-size:12px;background:#f6f6f6;padding:12px;overflow-x:auto}")
                .append(".pt{fill:#4a78b5}.front{fill:#e08a1e}.best{fill:#c0282d}.axis{stroke:#444}.grid{stroke:#ddd}")
                .append("text{font-size:12px}</style></head><body>\n")
                .append("<h1>loadgen tune: throughput against p99 latency</h1>\n<p>")
                .append(escape(result.objective().describe()))
                .append("; ")
                .append(result.trials().size())
                .append(" trials. ")
                .append(
                        "Blue: a trial; orange: on the frontier (no other trial both faster and lower in p99); red: the best settings. ")
                .append("Hover a point for its settings.")
                .append(
                        result.objective() instanceof Objective.LatencySlo
                                ? " Paced trials only: their p99 is from the intended send time."
                                : "")
                .append("</p>\n");
        sb.append(svg(result));
        sb.append("<pre>").append(escape(TuneTable.text(result, fixed))).append("</pre>\n</body></html>\n");
        return sb.toString();
    }

    static String svg(TuneResult result) {
        List<TrialRun> points = result.comparable();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n",
                W,
                H,
                W,
                H));
        if (points.isEmpty()) {
            sb.append("<text x=\"")
                    .append(W / 2)
                    .append("\" y=\"")
                    .append(H / 2)
                    .append("\" text-anchor=\"middle\">no trial succeeded</text></svg>\n");
            return sb.toString();
        }
        double minP = points.stream()
                .mapToDouble(r -> r.measurement().p99Millis())
                .min()
                .orElse(1);
        double maxP = points.stream()
                .mapToDouble(r -> r.measurement().p99Millis())
                .max()
                .orElse(10);
        if (result.objective() instanceof Objective.LatencySlo slo) {
            minP = Math.min(minP, slo.p99Millis());
            maxP = Math.max(maxP, slo.p99Millis());
        }
        double lo = Math.pow(10, Math.floor(Math.log10(minP)));
        double hi = Math.max(lo * 10, Math.pow(10, Math.ceil(Math.log10(maxP))));
        double maxRate = points.stream()
                .mapToDouble(r -> r.measurement().recordsPerSecond())
                .max()
                .orElse(1);
        double top = niceCeiling(maxRate * 1.05);
        Scale x = v -> LEFT + (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (W - LEFT - RIGHT);
        final double yTop = top;
        Scale y = v -> H - BOTTOM - v / yTop * (H - TOP - BOTTOM);

        // grid and axes
        for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double v = decade * m;
                if (v < lo * 0.9999 || v > hi * 1.0001) continue;
                double px = x.at(v);
                sb.append(line(px, TOP, px, H - BOTTOM, "grid"));
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        px,
                        H - BOTTOM + 18,
                        tick(v)));
            }
        }
        for (int i = 0; i <= 5; i++) {
            double v = top * i / 5;
            double py = y.at(v);
            sb.append(line(LEFT, py, W - RIGHT, py, "grid"));
            sb.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n", LEFT - 8, py + 4, v));
        }
        sb.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "axis"))
                .append(line(LEFT, TOP, LEFT, H - BOTTOM, "axis"));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">p99 latency, ms (log scale)</text>%n",
                (LEFT + W - RIGHT) / 2,
                H - 15));
        sb.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(20,%d) rotate(-90)\" text-anchor=\"middle\">acknowledged records/s</text>%n",
                (TOP + H - BOTTOM) / 2));
        if (result.objective() instanceof Objective.LatencySlo slo) {
            double px = x.at(slo.p99Millis());
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0282d\" stroke-dasharray=\"6 4\"/>%n",
                    px,
                    TOP,
                    px,
                    H - BOTTOM));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" fill=\"#c0282d\">SLO p99 %s ms</text>%n",
                    px + 4,
                    TOP + 12,
                    TrialRun.millis(slo.p99Millis())));
        }

        // frontier, then points (best last, on top)
        List<TrialRun> front = new ArrayList<>(result.frontier());
        front.sort(Comparator.comparingDouble(r -> r.measurement().p99Millis()));
        if (front.size() > 1) {
            StringBuilder path = new StringBuilder();
            for (TrialRun r : front) {
                path.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        x.at(r.measurement().p99Millis()),
                        y.at(r.measurement().recordsPerSecond())));
            }
            sb.append("<polyline fill=\"none\" stroke=\"#e08a1e\" stroke-width=\"2\" points=\"")
                    .append(path.toString().trim())
                    .append("\"/>\n");
        }
        List<TrialRun> bestRuns =
                result.best() == null ? List.of() : result.best().runs();
        for (TrialRun r : points) {
            String cls = bestRuns.contains(r) ? "best" : front.contains(r) ? "front" : "pt";
            if (cls.equals("best")) continue;
            sb.append(point(r, cls, 5, x, y));
        }
        for (TrialRun r : bestRuns) {
            if (!points.contains(r)) continue;
            sb.append(point(r, "best", 8, x, y));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" fill=\"#c0282d\">best #%d</text>%n",
                    x.at(r.measurement().p99Millis()) + 10,
                    y.at(r.measurement().recordsPerSecond()) - 8,
                    r.number()));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private interface Scale {
        double at(double v);
    }

    private static String point(TrialRun r, String cls, int radius, Scale x, Scale y) {
        Measurement m = r.measurement();
        return String.format(
                Locale.ROOT,
                "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"><title>#%d %s: %,.0f records/s, p99 %s ms; %s</title></circle>%n",
                cls,
                x.at(m.p99Millis()),
                y.at(m.recordsPerSecond()),
                radius,
                r.number(),
                escape(r.phase()),
                m.recordsPerSecond(),
                TrialRun.millis(m.p99Millis()),
                escape(r.settings().describe()));
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return String.format(
                Locale.ROOT,
                "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                cls,
                x1,
                y1,
                x2,
                y2);
    }

    private static String tick(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", stripZeros(v));
    }

    private static String stripZeros(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** 1, 2 or 5 times a power of ten, at least v. */
    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }

    static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
