package io.loadgen.watch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * When each offset of the topic was written, to within a watch interval: the topic's end offsets as read at each
 * sample. A group's lag in time is the age of its oldest unconsumed record, and that record's offset (the committed
 * one) lies between two readings of its partition's end, so its write time is interpolated between theirs. No record
 * is read and no consumer is needed; the figure is as coarse as the interval (the technique of lag exporters).
 *
 * <p>Bounded: readings older than every group's committed offset are dropped ({@link #forgetBefore}).
 */
final class EndOffsetHistory {

    private record Reading(long atNanos, Map<Integer, Long> ends) {}

    private final Deque<Reading> readings = new ArrayDeque<>();

    /**
     * Readings kept at most: a day at one per second and then some. A group that stops consuming holds every reading
     * since its committed offset; past this its lag in time is a lower bound (the age of the oldest reading kept).
     */
    static final int MAX_READINGS = 100_000;

    void add(long atNanos, Map<Integer, Long> ends) {
        readings.addLast(new Reading(atNanos, Map.copyOf(ends)));
        if (readings.size() > MAX_READINGS) readings.removeFirst();
    }

    /**
     * When the record at {@code offset} of {@code partition} was written, in the clock of the readings: interpolated
     * between the last reading whose end was at or below it and the first whose end was above it. The earliest reading
     * when the record was older than all of them (a lower bound of its age), or {@code Long.MIN_VALUE} with no reading
     * that covers it yet.
     */
    long writtenAt(int partition, long offset) {
        Reading before = null;
        for (Reading r : readings) {
            Long end = r.ends.get(partition);
            if (end == null) continue;
            if (end > offset) {
                if (before == null) return r.atNanos; // older than the first reading
                long endBefore = before.ends.get(partition);
                double fraction = (double) (offset - endBefore) / Math.max(1, end - endBefore);
                return before.atNanos + (long) (fraction * (r.atNanos - before.atNanos));
            }
            before = r;
        }
        return Long.MIN_VALUE;
    }

    /**
     * Drops readings no lag can need any more: those before the last reading whose end was at or below the lowest
     * committed offset of every partition, which is where any later interpolation starts.
     */
    void forgetBefore(Map<Integer, Long> lowestCommitted) {
        while (readings.size() > 2) {
            Reading second = readings.stream().skip(1).findFirst().orElseThrow();
            for (Map.Entry<Integer, Long> e : lowestCommitted.entrySet()) {
                Long end = second.ends.get(e.getKey());
                if (end == null || end > e.getValue()) return;
            }
            readings.removeFirst();
        }
    }

    int size() {
        return readings.size();
    }

    static Map<Integer, Long> lowest(Iterable<Map<Integer, Long>> committedByGroup) {
        Map<Integer, Long> lowest = new HashMap<>();
        for (Map<Integer, Long> committed : committedByGroup) {
            committed.forEach((p, o) -> lowest.merge(p, o, Math::min));
        }
        return lowest;
    }
}
