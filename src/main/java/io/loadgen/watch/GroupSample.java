package io.loadgen.watch;

/**
 * A consumer group at one moment of the run: what the progress line and the metrics show.
 *
 * @param group             the group's id
 * @param watched           false while its offsets cannot be read (absent, no commits on the topic, not allowed)
 * @param lagRecords        records written to the topic and not yet consumed, summed over the partitions
 * @param lagSeconds        age of the oldest unconsumed record (see {@link EndOffsetHistory}); 0 without lag
 * @param consumed          records the group consumed since the watch began (its committed offsets' advance)
 * @param consumedPerSecond over the last interval
 */
public record GroupSample(
        String group, boolean watched, long lagRecords, double lagSeconds, long consumed, double consumedPerSecond) {

    static GroupSample unwatched(String group) {
        return new GroupSample(group, false, 0, 0, 0, 0);
    }
}
