package io.loadgen.watch;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a watched consumer group did during the run and after its last send: the summary's lines for it, its JSON and
 * the figures its gates judge.
 *
 * @param group              the group's id
 * @param verdict            kept up, fell behind, or not watched
 * @param problem            why it could not be watched (absent, no commits on the topic, not allowed); else null
 * @param consumed           records it consumed from the start of sending to the end of the watch
 * @param consumedPerSecond  over the same time
 * @param maxLagRecords      the highest lag seen
 * @param maxLagSeconds      the oldest unconsumed record's highest age seen
 * @param endLagRecords      the lag when the watch ended
 * @param drainSeconds       from the last send until the lag was 0, or null when it was not 0 within --drain-timeout
 * @param behindFromSeconds  for a group that fell behind: from when (seconds after sending began) its lag grew; else
 *                           null
 * @param producedPerSecond  records/s written to the topic from then until the last send (the whole run when it kept
 *                           up)
 * @param consumedPerSecondBehind records/s it consumed over the same time
 * @param series             its lag over the run and the drain, at most {@link #MAX_SERIES_POINTS} readings, for
 *                           charts; empty when it was not watched
 */
public record GroupReport(
        String group,
        Verdict verdict,
        String problem,
        long consumed,
        double consumedPerSecond,
        long maxLagRecords,
        double maxLagSeconds,
        long endLagRecords,
        Double drainSeconds,
        Double behindFromSeconds,
        double producedPerSecond,
        double consumedPerSecondBehind,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LagPoint> series) {

    /**
     * Readings kept for a chart: enough for a line across a page; a day-long run's readings are thinned to it, so a
     * shard result stays small.
     */
    public static final int MAX_SERIES_POINTS = 720;

    public GroupReport {
        series = series == null ? List.of() : List.copyOf(series);
    }

    /**
     * One reading of the group, written as a JSON array in shard results (a day of them stays small).
     *
     * @param seconds    since sending began
     * @param lagRecords records written to the topic and not yet consumed
     * @param lagSeconds age of the oldest unconsumed record
     * @param produced   records written to the topic since the watch began
     * @param consumed   records the group consumed since the watch began
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"seconds", "lagRecords", "lagSeconds", "produced", "consumed"})
    public record LagPoint(double seconds, long lagRecords, double lagSeconds, long produced, long consumed) {}

    public enum Verdict {
        /** Its lag stayed bounded while records were sent and went to 0 within --drain-timeout after the last. */
        KEPT_UP,
        /** Its lag grew steadily, or did not drain within --drain-timeout. */
        FELL_BEHIND,
        /** Its offsets could not be read: nothing to judge. */
        NOT_WATCHED
    }

    static GroupReport notWatched(String group, String problem) {
        return new GroupReport(group, Verdict.NOT_WATCHED, problem, 0, 0, 0, 0, 0, null, null, 0, 0, List.of());
    }

    public boolean drained() {
        return drainSeconds != null;
    }
}
