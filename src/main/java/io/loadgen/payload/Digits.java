package io.loadgen.payload;

/**
 * Writes non-negative decimal numbers into byte arrays without going through String. Every record carries a few
 * numbers (its position, a resource, the nanoseconds of its timestamp), so this is on the hot path: two digits per
 * step from a table, in {@code int} arithmetic where the value allows, and lengths by multiplying, not dividing.
 */
final class Digits {

    /** "00", "01", ..., "99": the two digits of {@code i} at {@code 2 * i} and {@code 2 * i + 1}. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private Digits() {}

    static int count(long v) {
        int n = 1;
        long limit = 10;
        while (v >= limit) {
            n++;
            if (n == 19) return n; // the most a long has; limit * 10 would overflow
            limit *= 10;
        }
        return n;
    }

    /** Writes {@code v} right-aligned so that its last digit lands at {@code end - 1}. */
    static void writeEndingAt(byte[] buf, int end, long v) {
        int i = end;
        while (v > Integer.MAX_VALUE) {
            int r = (int) (v % 100);
            v /= 100;
            buf[--i] = PAIRS[2 * r + 1];
            buf[--i] = PAIRS[2 * r];
        }
        int w = (int) v;
        while (w >= 100) {
            int r = w % 100;
            w /= 100;
            buf[--i] = PAIRS[2 * r + 1];
            buf[--i] = PAIRS[2 * r];
        }
        if (w >= 10) {
            buf[--i] = PAIRS[2 * w + 1];
            buf[--i] = PAIRS[2 * w];
        } else {
            buf[--i] = (byte) ('0' + w);
        }
    }

    /** Writes exactly {@code width} digits of {@code v}, zero-padded, starting at {@code from}. */
    static void writeFixed(byte[] buf, int from, int width, long v) {
        int i = from + width;
        while (v > Integer.MAX_VALUE && i > from) {
            buf[--i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        int w = (int) v;
        while (i - from >= 2) {
            int r = w % 100;
            w /= 100;
            buf[--i] = PAIRS[2 * r + 1];
            buf[--i] = PAIRS[2 * r];
        }
        if (i > from) buf[--i] = (byte) ('0' + w % 10);
    }
}
