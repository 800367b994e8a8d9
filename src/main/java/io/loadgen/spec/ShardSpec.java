package io.loadgen.spec;

/**
 * This process's place in a fleet: shard {@code index} of {@code count}. Shares are exact: shard k gets
 * {@code total / count} plus one of the remainder if {@code k < total % count}, so the shares add up to the total,
 * and shard k's records occupy the disjoint position range starting at {@link #offset(long)}.
 */
public record ShardSpec(int index, int count) {

    public static final ShardSpec SINGLE = new ShardSpec(0, 1);

    public ShardSpec {
        if (count < 1) throw new IllegalArgumentException("shard count must be at least 1, got " + count);
        if (index < 0 || index >= count)
            throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + ", got " + index);
    }

    public boolean single() {
        return count == 1;
    }

    /** This shard's part of a total record count: remainders go to the low indexes. */
    public long records(long total) {
        if (total == Workload.UNLIMITED) return total;
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The first position of this shard's range: the sum of the shares of the shards before it. */
    public long offset(long total) {
        if (total == Workload.UNLIMITED) {
            // Without a total, ranges are fixed-width slices of the long range: still disjoint.
            return (Long.MAX_VALUE / count) * index;
        }
        return (total / count) * index + Math.min(index, total % count);
    }

    /** This shard's part of a fleet rate in records/s; a whole rate is split like a count, remainders to the low indexes. */
    public double rate(double fleetRate) {
        if (fleetRate == Math.rint(fleetRate) && fleetRate < 1e15) return records((long) fleetRate);
        return fleetRate / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
