package io.loadgen.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out record positions 0, 1, 2 ... {@code limit - 1} to sender threads in blocks, so every position is sent
 * exactly once (unique Message numbers, an exact total) at the cost of one atomic add per block, and a thread held
 * up by a slow producer does not hold back the others' share.
 */
final class SequenceClaims {

    static final int BLOCK = 1024;

    private final AtomicLong next;
    private final long limit;

    /** Positions {@code first .. first + count - 1}: a shard's disjoint range of Message numbers. */
    SequenceClaims(long first, long count) {
        this.next = new AtomicLong(first);
        this.limit = count == Long.MAX_VALUE || first > Long.MAX_VALUE - count ? Long.MAX_VALUE : first + count;
    }

    /** A per-thread cursor over claimed blocks. */
    final class Cursor {
        private long position;
        private long end;

        /** The next position for this thread, or -1 when every position has been handed out. */
        long next() {
            if (position < end) return position++;
            long from = next.getAndAdd(BLOCK);
            if (from >= limit || from < 0) return -1;
            position = from;
            end = Math.min(limit, from + BLOCK);
            return position++;
        }
    }
}
