package io.loadgen.payload.template;

/**
 * Arrays of exactly a record's length, reused by length (the Kafka serializer takes a whole array), within a budget
 * of memory. Template records vary in length far more than the seed's: with stack traces a run has thousands of
 * distinct lengths, so keeping one array for every length would grow without bound. Lengths are kept first come,
 * first served until the budget is spent, which keeps the common lengths (they come first); a record of any other
 * length gets a new array, which the collector reclaims young.
 */
final class ExactArrays {

    /** Bytes of arrays kept per generator, that is per sender thread. */
    static final long BUDGET = 4L << 20;
    /** Longer records are never kept: a table indexed by length stops here. */
    private static final int LONGEST_KEPT = 1 << 16;

    private byte[][] byLength = new byte[512][];
    private long kept;

    /** An array of exactly {@code length} bytes holding {@code source[0, length)}. */
    byte[] copyOf(byte[] source, int length) {
        byte[] b = length < byLength.length ? byLength[length] : null;
        if (b == null) {
            b = new byte[length];
            keep(b);
        }
        System.arraycopy(source, 0, b, 0, length);
        return b;
    }

    private void keep(byte[] b) {
        int length = b.length;
        if (length >= LONGEST_KEPT || kept + length > BUDGET) return;
        if (length >= byLength.length) {
            byte[][] grown = new byte[Math.min(LONGEST_KEPT, Math.max(length + 1, byLength.length * 2))][];
            System.arraycopy(byLength, 0, grown, 0, byLength.length);
            byLength = grown;
        }
        byLength[length] = b;
        kept += length;
    }

    long keptBytes() {
        return kept;
    }
}
