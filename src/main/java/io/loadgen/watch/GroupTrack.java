package io.loadgen.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One group's state while it is watched: its baseline, its latest figures, its lag over time. */
final class GroupTrack {

    final String group;
    /** Committed offset per partition when the group was first seen; the end offset for a partition it had none on. */
    private Map<Integer, Long> base;

    private String problem;
    private boolean committedEver;
    private String noCommits;
    private GroupSample latest;
    private Map<Integer, Long> committed = Map.of();
    private long maxLag;
    private double maxLagSeconds;
    private final LagSeries series = new LagSeries();

    GroupTrack(String group) {
        this.group = group;
        this.latest = GroupSample.unwatched(group);
    }

    /**
     * Takes one reading.
     *
     * @param seconds   since sending began
     * @param atNanos   the reading's time on the history's clock
     * @param startEnds the topic's end offsets when the watch began
     * @return the problem, when it is new (to be said once), else null
     */
    String update(
            double seconds,
            long atNanos,
            OffsetSource.Commits commits,
            Map<Integer, Long> ends,
            Map<Integer, Long> startEnds,
            long produced,
            EndOffsetHistory history) {
        if (commits.problem() != null) {
            boolean isNew = !commits.problem().equals(problem) && base == null;
            problem = commits.problem();
            return isNew ? problem : null;
        }
        if (base == null) {
            base = new HashMap<>(startEnds);
            base.putAll(commits.offsets());
            problem = null;
        }
        if (commits.offsets().isEmpty()) {
            if (!committedEver) noCommits = commits.noCommits();
        } else {
            committedEver = true;
        }
        Map<Integer, Long> effective = new HashMap<>(base);
        effective.putAll(commits.offsets());
        committed = effective;
        long lag = 0, consumed = 0;
        double lagSeconds = 0;
        for (Map.Entry<Integer, Long> e : ends.entrySet()) {
            long at = effective.getOrDefault(e.getKey(), startEnds.getOrDefault(e.getKey(), e.getValue()));
            long behind = Math.max(0, e.getValue() - at);
            lag += behind;
            consumed += Math.max(0, at - base.getOrDefault(e.getKey(), at));
            if (behind > 0) {
                long written = history.writtenAt(e.getKey(), at);
                if (written != Long.MIN_VALUE) lagSeconds = Math.max(lagSeconds, (atNanos - written) / 1e9);
            }
        }
        double interval = latest.watched() ? seconds - lastSeconds : 0;
        double rate = interval > 0 ? (consumed - latest.consumed()) / interval : 0;
        lastSeconds = seconds;
        latest = new GroupSample(group, true, lag, lagSeconds, consumed, rate);
        maxLag = Math.max(maxLag, lag);
        maxLagSeconds = Math.max(maxLagSeconds, lagSeconds);
        series.add(new LagSeries.Point(seconds, lag, lagSeconds, produced, consumed));
        readAtNanos = atNanos;
        return null;
    }

    private double lastSeconds;
    private long readAtNanos = Long.MIN_VALUE;

    /** When the figures of {@link #latest()} were read, on the watch's clock. */
    long readAtNanos() {
        return readAtNanos;
    }

    GroupSample latest() {
        return latest;
    }

    /** Committed offsets (or the baseline) by partition; empty until the group was seen. */
    Map<Integer, Long> committed() {
        return committed;
    }

    boolean seen() {
        return base != null;
    }

    /** Seen, but it never committed on the topic: the reason, to be said once the watch ends; else null. */
    String neverCommitted() {
        return seen() && !committedEver ? noCommits : null;
    }

    /**
     * The judgement after the watch ended.
     *
     * @param sendEndSeconds when the last record was sent, seconds after sending began
     * @param drainSeconds   from then until the lag was 0, or null when it was not
     */
    GroupReport report(double sendEndSeconds, Double drainSeconds, double endSeconds, boolean interrupted) {
        if (!seen()) return GroupReport.notWatched(group, problem == null ? "no offsets were read" : problem);
        if (!committedEver) return GroupReport.notWatched(group, noCommits);
        if (interrupted && drainSeconds == null) {
            return GroupReport.notWatched(group, "the run was interrupted before the group drained");
        }
        LagSeries.Behind behind = series.behind(sendEndSeconds);
        boolean keptUp = behind == null && drainSeconds != null;
        var points = series.points();
        LagSeries.Point first = points.get(0);
        LagSeries.Point lastSent = points.stream()
                .filter(p -> p.seconds() <= sendEndSeconds + 1e-9)
                .reduce((a, b) -> b)
                .orElse(first);
        double runSpan = Math.max(1e-9, lastSent.seconds() - first.seconds());
        double produced =
                behind != null ? behind.producedPerSecond() : (lastSent.produced() - first.produced()) / runSpan;
        double consumedBehind =
                behind != null ? behind.consumedPerSecond() : (lastSent.consumed() - first.consumed()) / runSpan;
        double span = Math.max(1e-9, endSeconds);
        return new GroupReport(
                group,
                keptUp ? GroupReport.Verdict.KEPT_UP : GroupReport.Verdict.FELL_BEHIND,
                null,
                latest.consumed(),
                latest.consumed() / span,
                maxLag,
                maxLagSeconds,
                latest.lagRecords(),
                drainSeconds,
                behind == null ? null : behind.fromSeconds(),
                produced,
                consumedBehind,
                thinned(points));
    }

    /** The readings for a chart: every k-th one so that at most {@link GroupReport#MAX_SERIES_POINTS}, and the last. */
    static List<GroupReport.LagPoint> thinned(List<LagSeries.Point> points) {
        int step =
                Math.max(1, (points.size() + GroupReport.MAX_SERIES_POINTS - 2) / (GroupReport.MAX_SERIES_POINTS - 1));
        List<GroupReport.LagPoint> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) kept.add(lagPoint(points.get(i)));
        if ((points.size() - 1) % step != 0) kept.add(lagPoint(points.get(points.size() - 1)));
        return kept;
    }

    private static GroupReport.LagPoint lagPoint(LagSeries.Point p) {
        return new GroupReport.LagPoint(p.seconds(), p.lag(), p.lagSeconds(), p.produced(), p.consumed());
    }
}
