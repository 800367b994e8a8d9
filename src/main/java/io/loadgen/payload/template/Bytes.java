package io.loadgen.payload.template;

import java.util.Arrays;

/** A growable byte buffer that records are written into; reused from record to record, so it allocates only to grow. */
final class Bytes {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    byte[] array;
    int length;

    Bytes(int capacity) {
        array = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    private void room(int more) {
        if (length + more > array.length) array = Arrays.copyOf(array, Math.max(array.length * 2, length + more));
    }

    void put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, array, length, b.length);
        length += b.length;
    }

    void put(Bytes b) {
        room(b.length);
        System.arraycopy(b.array, 0, array, length, b.length);
        length += b.length;
    }

    void put(char ascii) {
        room(1);
        array[length++] = (byte) ascii;
    }

    /** A signed decimal integer. */
    void putLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(LONG_MIN);
                return;
            }
            put('-');
            v = -v;
        }
        int digits = digits(v);
        room(digits);
        int i = length + digits - 1;
        do {
            array[i--] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        length += digits;
    }

    /** Exactly {@code width} digits of a non-negative {@code v}, zero-padded. */
    void putFixed(long v, int width) {
        room(width);
        for (int i = length + width - 1; i >= length; i--) {
            array[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        length += width;
    }

    /** {@code scaled / 10^fractionDigits} as a decimal with exactly that many fraction digits. */
    void putDecimal(long scaled, int fractionDigits) {
        if (fractionDigits == 0) {
            putLong(scaled);
            return;
        }
        if (scaled < 0) {
            put('-');
            scaled = -scaled; // the caller's clamp keeps it above Long.MIN_VALUE
        }
        long unit = Pow10.of(fractionDigits);
        putLong(scaled / unit);
        put('.');
        putFixed(scaled % unit, fractionDigits);
    }

    /** The low {@code 4 * chars} bits of {@code v} as lower-case hex, most significant first. */
    void putHex(long v, int chars) {
        room(chars);
        for (int i = length + chars - 1; i >= length; i--) {
            array[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        length += chars;
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}
