package io.loadgen.report;

import io.loadgen.watch.GroupReport;
import io.loadgen.watch.GroupSample;
import java.util.List;
import java.util.Locale;

/** The words for watched consumer groups: their part of the progress line and their section of the summary. */
public final class GroupLines {

    private GroupLines() {}

    /** {@code , group ingestor lag 12.3k (4.1 s) consumed 5,000/s} per group that can be read; "" for none. */
    public static String progress(List<GroupSample> groups) {
        StringBuilder sb = new StringBuilder();
        for (GroupSample g : groups) {
            if (!g.watched()) continue;
            sb.append(", group ")
                    .append(g.group())
                    .append(" lag ")
                    .append(Numbers.count(g.lagRecords()))
                    .append(String.format(Locale.ROOT, " (%.1f s)", g.lagSeconds()))
                    .append(" consumed ")
                    .append(Numbers.rate(g.consumedPerSecond()))
                    .append("/s");
        }
        return sb.toString();
    }

    /** The group's lines in the summary: the verdict first, then the figures it rests on. */
    static void summary(StringBuilder sb, GroupReport g) {
        String label = "group " + g.group();
        sb.append(String.format("%-18s %s%n", label, verdict(g)));
        if (g.verdict() == GroupReport.Verdict.NOT_WATCHED) return;
        sb.append(String.format(
                Locale.ROOT,
                "%-18s %s consumed (%s/s), lag max %s (%.1f s), at the end %s%n",
                "",
                Numbers.count(g.consumed()),
                Numbers.rate(g.consumedPerSecond()),
                Numbers.count(g.maxLagRecords()),
                g.maxLagSeconds(),
                Numbers.count(g.endLagRecords())));
    }

    /**
     * {@code kept up: drained 1.2 s after the last send}, {@code fell behind from t = 3.0 s: 20,000/s produced against
     * 5,000/s consumed; not drained within --drain-timeout}, or {@code not watched: ...}.
     */
    static String verdict(GroupReport g) {
        return switch (g.verdict()) {
            case NOT_WATCHED -> "not watched: " + g.problem();
            case KEPT_UP -> String.format(Locale.ROOT, "kept up: drained %.1f s after the last send", g.drainSeconds());
            case FELL_BEHIND ->
                "fell behind"
                        + (g.behindFromSeconds() == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " from t = %.1f s: %s/s produced against %s/s consumed",
                                        g.behindFromSeconds(),
                                        Numbers.rate(g.producedPerSecond()),
                                        Numbers.rate(g.consumedPerSecondBehind())))
                        + (g.drained()
                                ? String.format(Locale.ROOT, "; drained %.1f s after the last send", g.drainSeconds())
                                : "; not drained within --drain-timeout");
        };
    }
}
