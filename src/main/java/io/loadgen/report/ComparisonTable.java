package io.loadgen.report;

import java.util.Locale;

/** A {@link Comparison} as text: which runs, what keeps them from being comparable, then one row per figure. */
public final class ComparisonTable {

    private static final String ROW = "%-24s %12s %12s %8s  %s";

    private ComparisonTable() {}

    public static String text(Comparison c) {
        StringBuilder sb = new StringBuilder();
        side(sb, "baseline ", c.baseline());
        side(sb, "candidate", c.candidate());
        for (String line : c.comparability().notComparable())
            sb.append("not comparable: ").append(line).append('\n');
        for (String line : c.comparability().differences())
            sb.append("differs: ").append(line).append('\n');
        for (String line : c.notes()) sb.append("note: ").append(line).append('\n');
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, ROW, "figure", "baseline", "candidate", "change", "verdict"))
                .append('\n');
        for (Comparison.Row r : c.rows()) {
            Comparison.Figure f = r.figure();
            sb.append(String.format(
                                    Locale.ROOT,
                                    ROW,
                                    f.label() + unit(f),
                                    f.format(r.baseline()),
                                    f.format(r.candidate()),
                                    change(r.changePercent()),
                                    verdict(r, c.limits()))
                            .stripTrailing())
                    .append('\n');
        }
        if (c.limits().any()) {
            sb.append("\njudged against --max-regression ")
                    .append(c.limits().describe())
                    .append(c.limits().byFigure().containsKey("max") ? "" : " (send→ack max only when named: max=PCT)")
                    .append('\n');
        }
        return sb.toString();
    }

    private static void side(StringBuilder sb, String name, Comparison.Side side) {
        ResultJson.Document d = side.summary();
        sb.append(name)
                .append("  ")
                .append(side.file())
                .append(": run ")
                .append(d.runId())
                .append(", ")
                .append(d.status())
                .append(", started ")
                .append(d.startedAt());
        if (d.runCard() != null && d.runCard().loadgenVersion() != null) {
            sb.append(", loadgen ").append(d.runCard().loadgenVersion());
        }
        sb.append('\n');
    }

    private static String unit(Comparison.Figure f) {
        return f.unit().isEmpty() ? "" : " (" + f.unit() + ")";
    }

    /** {@code +38.2%}, {@code -6.8%}; a change from 0 has no percentage. */
    static String change(Double pct) {
        if (pct == null) return "n/a";
        if (Double.isInfinite(pct)) return "from 0";
        return String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    private static String verdict(Comparison.Row r, RegressionLimits limits) {
        Comparison.Verdict v = r.verdict();
        if (v == Comparison.Verdict.REGRESSED || v == Comparison.Verdict.WITHIN_LIMIT) {
            return v.words() + " (" + limits.describe(r.figure()) + ")";
        }
        return v.words();
    }
}
