package io.loadgen.payload;

/** Writes non-negative decimal numbers into byte arrays without going through String. */
final class Digits {

    private Digits() {}

    static int count(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes {@code v} right-aligned so that its last digit lands at {@code end - 1}. */
    static void writeEndingAt(byte[] buf, int end, long v) {
        int i = end - 1;
        do {
            buf[i--] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }

    /** Writes exactly {@code width} digits of {@code v}, zero-padded, starting at {@code from}. */
    static void writeFixed(byte[] buf, int from, int width, long v) {
        for (int i = from + width - 1; i >= from; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
    }
}
