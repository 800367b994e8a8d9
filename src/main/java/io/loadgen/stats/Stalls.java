package io.loadgen.stats;

/**
 * Periods of at least {@link #MIN_MILLIS} in which a run made no progress although it should have: no record handed
 * to the producer while records were due (sending), or no record acknowledged or failed while some were in flight
 * (acknowledgements). A broker that went away shows here even when the run caught up afterwards.
 *
 * @param count                   how many periods
 * @param totalMillis             their length added up
 * @param longestStartEpochMillis when the longest began, or 0 when there was none
 * @param longestMillis           the longest one's length
 */
public record Stalls(int count, long totalMillis, long longestStartEpochMillis, long longestMillis) {

    /** The shortest pause counted as a stall: GC pauses and a full buffer's back-pressure stay well below it. */
    public static final long MIN_MILLIS = 1_000;

    public static final Stalls NONE = new Stalls(0, 0, 0, 0);

    /** These stalls and one more. */
    public Stalls with(long startEpochMillis, long millis) {
        return plus(new Stalls(1, millis, startEpochMillis, millis));
    }

    /** Both sets of stalls (threads, shards): counts and time add, the longest is kept. */
    public Stalls plus(Stalls other) {
        boolean mine = longestMillis >= other.longestMillis;
        return new Stalls(
                count + other.count,
                totalMillis + other.totalMillis,
                mine ? longestStartEpochMillis : other.longestStartEpochMillis,
                Math.max(longestMillis, other.longestMillis));
    }

    public boolean any() {
        return count > 0;
    }
}
