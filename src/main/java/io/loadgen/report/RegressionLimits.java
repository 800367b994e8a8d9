package io.loadgen.report;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much worse a candidate may be than its baseline, in percent of the baseline's figure, before it regressed
 * ({@code loadgen compare --max-regression}): one limit for every figure that has a direction, and limits of named
 * figures ({@code p99=10%}) that take precedence over it. A figure without a limit is shown, not judged.
 *
 * @param all      the limit of every judged figure but {@code max}, or null
 * @param byFigure limits of figures by key ({@link Comparison.Figure#key()})
 */
public record RegressionLimits(Double all, Map<String, Double> byFigure) {

    public static final RegressionLimits NONE = new RegressionLimits(null, Map.of());

    public RegressionLimits {
        byFigure = Map.copyOf(byFigure == null ? Map.of() : byFigure);
    }

    /** Whether any figure is judged: without a limit, compare only shows the figures. */
    public boolean any() {
        return all != null || !byFigure.isEmpty();
    }

    /**
     * The limit of a figure, or null when it is not judged. The maximum latency is judged only when named: one record
     * sets it, so it moves more between two runs of one build than a release gate can bear.
     */
    public Double limit(Comparison.Figure figure) {
        Double named = byFigure.get(figure.key());
        if (named != null) return named;
        return figure == Comparison.Figure.SEND_TO_ACK_MAX ? null : all;
    }

    /** How the limit of a figure was given, for the line that names a regression: {@code 5%} or {@code p99=10%}. */
    public String describe(Comparison.Figure figure) {
        Double named = byFigure.get(figure.key());
        return named != null ? figure.key() + "=" + percent(named) : percent(all);
    }

    /** The limits as given: {@code 5%, p99=10%}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(all == null ? "" : percent(all));
        new TreeMap<>(byFigure).forEach((k, v) -> {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(k).append('=').append(percent(v));
        });
        return sb.toString();
    }

    static String percent(double pct) {
        String s = String.format(Locale.ROOT, "%.2f", pct).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
