package io.loadgen.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records acknowledged per partition, counted by the Kafka clients' I/O threads. The array of counters grows when a
 * partition beyond it is first seen (a topic may gain partitions while the run goes on), so the write path is one
 * volatile read and one {@link LongAdder} increment.
 */
final class PartitionTally {

    private volatile LongAdder[] counts = new LongAdder[0];

    void add(int partition) {
        if (partition < 0) return; // the client's "unknown partition": only ever on a failed record
        LongAdder[] c = counts;
        if (partition >= c.length) c = grow(partition);
        c[partition].increment();
    }

    void add(int partition, long records) {
        if (partition < 0 || records == 0) return;
        LongAdder[] c = counts;
        if (partition >= c.length) c = grow(partition);
        c[partition].add(records);
    }

    private synchronized LongAdder[] grow(int partition) {
        LongAdder[] c = counts;
        if (partition < c.length) return c;
        LongAdder[] grown = new LongAdder[Math.max(partition + 1, c.length * 2)];
        System.arraycopy(c, 0, grown, 0, c.length);
        for (int i = c.length; i < grown.length; i++) grown[i] = new LongAdder();
        counts = grown;
        return grown;
    }

    /** The counts at this moment, index = partition, as long as the highest partition seen (or {@code atLeast}). */
    long[] snapshot(int atLeast) {
        LongAdder[] c = counts;
        int highest = -1;
        for (int i = 0; i < c.length; i++) if (c[i].sum() > 0) highest = i;
        long[] out = new long[Math.max(atLeast, highest + 1)];
        for (int i = 0; i <= highest; i++) out[i] = c[i].sum();
        return out;
    }
}
