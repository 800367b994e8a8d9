package io.loadgen.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two summaries side by side ({@code loadgen compare}): each figure of the baseline and the candidate, the change in
 * percent of the baseline, and a verdict held against {@link RegressionLimits}; before them, what makes the two runs
 * not comparable ({@link Comparability}).
 *
 * @param baseline  the summary the candidate is held against
 * @param candidate the summary judged
 * @param rows      one per figure both could have; latencies from the intended send time only when both were paced
 */
public record Comparison(
        Side baseline,
        Side candidate,
        List<Row> rows,
        Comparability comparability,
        List<String> notes,
        RegressionLimits limits) {

    /** A summary and the file it was read from. */
    public record Side(String file, ResultJson.Document summary) {}

    /** Which way a figure gets worse. */
    public enum Worse {
        LOWER,
        HIGHER,
        /** Neither: shown to explain the others, not judged. */
        NONE
    }

    /**
     * The figures compared, in the order of the table.
     *
     * @param key   the name {@code --max-regression} gives it ({@code p99=10%})
     * @param label how the table and the messages name it
     * @param unit  of the value, for the messages
     */
    public enum Figure {
        THROUGHPUT("throughput", "records/s", "records/s", Worse.LOWER, d -> d.recordsPerSecond()),
        MIB("mib", "MiB/s", "MiB/s", Worse.LOWER, d -> d.mibPerSecond()),
        SEND_TO_ACK_P50("p50", "send→ack p50", "ms", Worse.HIGHER, d -> latency(d.sendToAckLatencyMs(), 50)),
        SEND_TO_ACK_P99("p99", "send→ack p99", "ms", Worse.HIGHER, d -> latency(d.sendToAckLatencyMs(), 99)),
        SEND_TO_ACK_P999("p999", "send→ack p99.9", "ms", Worse.HIGHER, d -> latency(d.sendToAckLatencyMs(), 999)),
        SEND_TO_ACK_MAX("max", "send→ack max", "ms", Worse.HIGHER, d -> latency(d.sendToAckLatencyMs(), 100)),
        INTENDED_P50("intended-p50", "from intended p50", "ms", Worse.HIGHER, d -> latency(d.intendedLatencyMs(), 50)),
        INTENDED_P99("intended-p99", "from intended p99", "ms", Worse.HIGHER, d -> latency(d.intendedLatencyMs(), 99)),
        INTENDED_P999(
                "intended-p999", "from intended p99.9", "ms", Worse.HIGHER, d -> latency(d.intendedLatencyMs(), 999)),
        ERROR_RATE(
                "error-rate",
                "error rate",
                "",
                Worse.HIGHER,
                d -> d.records() == null ? null : d.records().errorRate()),
        FAILED(
                "failed",
                "failed records",
                "",
                Worse.NONE,
                d -> d.records() == null ? null : (double) d.records().failed()),
        CPU("cpu", "CPU per M records", "s", Worse.HIGHER, ResultJson.Document::cpuSecondsPerMillionRecords),
        RECORD_SIZE(
                "record-size",
                "record size mean",
                "B",
                Worse.NONE,
                d -> d.recordSizeBytes() == null ? null : d.recordSizeBytes().mean());

        private final String key;
        private final String label;
        private final String unit;
        private final Worse worse;
        private final Function<ResultJson.Document, Double> value;

        Figure(String key, String label, String unit, Worse worse, Function<ResultJson.Document, Double> value) {
            this.key = key;
            this.label = label;
            this.unit = unit;
            this.worse = worse;
            this.value = value;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public Worse worse() {
            return worse;
        }

        /** The unit of the value, empty for counts, rates and ratios whose label says what they are. */
        public String unit() {
            return this == THROUGHPUT || this == MIB ? "" : unit;
        }

        /** The keys {@code --max-regression} accepts: the figures that have a direction. */
        public static List<String> judgedKeys() {
            return Arrays.stream(values())
                    .filter(f -> f.worse != Worse.NONE)
                    .map(Figure::key)
                    .toList();
        }

        public static Figure ofKey(String key) {
            for (Figure f : values()) if (f.key.equals(key)) return f;
            return null;
        }

        Double of(ResultJson.Document d) {
            return value.apply(d);
        }

        /** The value as the table shows it. */
        String format(Double v) {
            if (v == null) return "n/a";
            return switch (this) {
                case THROUGHPUT -> Numbers.rate(v);
                case MIB -> String.format(Locale.ROOT, "%.2f", v);
                case ERROR_RATE -> Numbers.percent(v);
                case FAILED -> Numbers.count(Math.round(v));
                case CPU -> String.format(Locale.ROOT, "%.2f", v);
                case RECORD_SIZE -> String.format(Locale.ROOT, "%,.1f", v);
                default -> String.format(Locale.ROOT, "%.3f", v);
            };
        }

        /** The value with its unit, for a message: {@code 16.700 ms}. */
        String withUnit(Double v) {
            String s = format(v);
            return unit().isEmpty() || v == null ? s : s + " " + unit();
        }

        private static Double latency(ResultJson.Latency l, int percentile) {
            if (l == null) return null;
            return switch (percentile) {
                case 50 -> l.p50();
                case 99 -> l.p99();
                case 999 -> l.p999();
                default -> l.max();
            };
        }
    }

    /** The verdict of one figure. */
    public enum Verdict {
        /** A side lacks the figure. */
        NOT_AVAILABLE("n/a"),
        /** A figure without a direction. */
        SHOWN(""),
        SAME("same"),
        BETTER("better"),
        /** Worse, and no limit judges the figure. */
        WORSE("worse"),
        /** Worse, by no more than its limit. */
        WITHIN_LIMIT("within limit"),
        REGRESSED("REGRESSED");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Changes smaller than this, in percent, are "same": the figures' own rounding is about that large. */
    static final double SAME_PERCENT = 0.05;

    /**
     * One figure of both sides.
     *
     * @param limit the limit it is judged by, in percent, or null
     */
    public record Row(Figure figure, Double baseline, Double candidate, Double limit) {

        /**
         * (candidate - baseline) / baseline in percent; infinite when the baseline is 0 and the candidate is not, null
         * when a side lacks the figure.
         */
        public Double changePercent() {
            if (baseline == null || candidate == null) return null;
            if (baseline == 0) return candidate == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, candidate);
            return (candidate - baseline) / Math.abs(baseline) * 100;
        }

        /** How much worse the candidate is, in percent (negative when better); null without a direction. */
        public Double worsePercent() {
            Double change = changePercent();
            if (change == null || figure.worse() == Worse.NONE) return null;
            return figure.worse() == Worse.HIGHER ? change : -change;
        }

        public Verdict verdict() {
            if (baseline == null || candidate == null) return Verdict.NOT_AVAILABLE;
            if (figure.worse() == Worse.NONE) return Verdict.SHOWN;
            double worse = worsePercent();
            if (Math.abs(worse) < SAME_PERCENT) return Verdict.SAME;
            if (worse < 0) return Verdict.BETTER;
            if (limit == null) return Verdict.WORSE;
            return worse > limit ? Verdict.REGRESSED : Verdict.WITHIN_LIMIT;
        }
    }

    /** Sets the two summaries side by side; {@code limits} decide which figures are judged. */
    public static Comparison of(Side baseline, Side candidate, RegressionLimits limits) {
        ResultJson.Document b = baseline.summary();
        ResultJson.Document c = candidate.summary();
        List<Row> rows = new ArrayList<>();
        boolean paced = b.intendedLatencyMs() != null && c.intendedLatencyMs() != null;
        for (Figure f : Figure.values()) {
            boolean intended = f == Figure.INTENDED_P50 || f == Figure.INTENDED_P99 || f == Figure.INTENDED_P999;
            if (intended && !paced) continue;
            if (f == Figure.RECORD_SIZE && b.recordSizeBytes() == null && c.recordSizeBytes() == null) continue;
            rows.add(new Row(f, f.of(b), f.of(c), limits.limit(f)));
        }
        List<String> notes = new ArrayList<>();
        note(notes, "baseline", b);
        note(notes, "candidate", c);
        return new Comparison(baseline, candidate, rows, Comparability.of(b, c), notes, limits);
    }

    private static void note(List<String> notes, String side, ResultJson.Document d) {
        if (!"COMPLETED".equals(d.status())) {
            notes.add("the " + side + " ended " + d.status() + " (" + d.stopReason() + ")");
        }
    }

    /**
     * What regressed, one line each: every figure worse than its limit allows, and a candidate that did not complete
     * when the baseline did. Empty when nothing is judged.
     */
    public List<String> regressions() {
        List<String> lines = new ArrayList<>();
        if (!limits.any()) return lines;
        ResultJson.Document b = baseline.summary();
        ResultJson.Document c = candidate.summary();
        if ("COMPLETED".equals(b.status()) && !"COMPLETED".equals(c.status())) {
            lines.add("the candidate ended " + c.status() + " (" + c.stopReason() + "), the baseline COMPLETED");
        }
        for (Row r : rows) {
            if (r.verdict() != Verdict.REGRESSED) continue;
            Figure f = r.figure();
            double worse = r.worsePercent();
            lines.add(f.label() + " regressed"
                    + (Double.isInfinite(worse) ? "" : String.format(Locale.ROOT, " %.1f%%", worse))
                    + " (" + f.withUnit(r.baseline()) + " -> " + f.withUnit(r.candidate())
                    + (Double.isInfinite(worse) ? "; the baseline's was 0" : "")
                    + "), over --max-regression " + limits.describe(f));
        }
        return lines;
    }
}
