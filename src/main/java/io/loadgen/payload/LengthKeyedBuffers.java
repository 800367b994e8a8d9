package io.loadgen.payload;

/**
 * Reusable arrays by record length. The Kafka serializer takes a whole array, so a value must be an array of exactly
 * its length. Seed records vary by a few bytes, so a handful of arrays cover a run; template records (a stack trace
 * in some) and drawn sizes have thousands of lengths, so memory is bounded: short lengths each keep an array, longer
 * ones share a fixed number of slots within a byte budget, and a length that finds no room gets a new array (garbage,
 * but rare, and cheap next to the copy of a long record).
 */
final class LengthKeyedBuffers {

    /** Below this length every length keeps its own array: at most half a MiB in all. */
    private static final int DENSE = 1024;
    /** Slots for the longer lengths, picked by length: a slot holds the array of the last length that took it. */
    private static final int SLOTS = 4096;
    /** The most the slots may hold, per generator (one per sender thread). */
    static final long BUDGET_BYTES = 8L << 20;

    private final byte[][] dense = new byte[DENSE][];
    private final byte[][] slots = new byte[SLOTS][];
    private long slotBytes;

    byte[] get(int length) {
        if (length < DENSE) {
            byte[] b = dense[length];
            if (b == null) dense[length] = b = new byte[length];
            return b;
        }
        int slot = length % SLOTS;
        byte[] b = slots[slot];
        if (b != null && b.length == length) return b;
        byte[] fresh = new byte[length];
        long without = slotBytes - (b == null ? 0 : b.length);
        if (without + length <= BUDGET_BYTES) {
            slots[slot] = fresh;
            slotBytes = without + length;
        }
        return fresh;
    }

    /** Bytes held by the slots of the longer lengths. */
    long slotBytes() {
        return slotBytes;
    }
}
