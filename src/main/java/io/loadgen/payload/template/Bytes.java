package io.loadgen.payload.template;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte buffer that records are written into; reused from record to record, so it allocates only to grow. */
final class Bytes {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** Two characters per entry, so a byte of hex or two decimal digits cost one lookup and one division. */
    private static final byte[] HEX_PAIRS = new byte[512];

    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[2 * i] = HEX[i >>> 4];
            HEX_PAIRS[2 * i + 1] = HEX[i & 0xF];
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

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

    /** Eight bytes at a time, the first byte the most significant: eight hex digits in one store. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    void put(byte[] b) {
        int n = b.length;
        if (n == 0) return; // many steps have no text before them: skip the call of arraycopy
        room(n);
        byte[] a = array;
        int at = length;
        // Most parts are a few bytes (a word, a level, a separator): a loop beats the call of arraycopy there.
        System.arraycopy(b, 0, a, at, n);
        length = at + n;
    }

    void put(Bytes b) {
        room(b.length);
        System.arraycopy(b.array, 0, array, length, b.length);
        length += b.length;
    }

    /** Makes room for {@code n} bytes, counts them written, and returns where they start, for a caller to fill. */
    int reserve(int n) {
        room(n);
        int at = length;
        length = at + n;
        return at;
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
        writeDigits(v, length + digits, digits);
        length += digits;
    }

    /** Exactly {@code width} digits of a non-negative {@code v}, zero-padded. */
    void putFixed(long v, int width) {
        room(width);
        writeDigits(v, length + width, width);
        length += width;
    }

    /**
     * The last {@code width} digits of {@code v} ending just before {@code end}, two at a time.
     *
     * @return {@code v} without those digits
     */
    private long writeDigits(long v, int end, int width) {
        int i = end;
        int stop = end - width;
        while (i - stop >= 2) {
            long q = v / 100;
            int pair = (int) (v - q * 100) << 1;
            array[--i] = DIGIT_PAIRS[pair + 1];
            array[--i] = DIGIT_PAIRS[pair];
            v = q;
        }
        if (i > stop) {
            long q = v / 10;
            array[--i] = (byte) ('0' + (int) (v - q * 10));
            v = q;
        }
        return v;
    }

    /**
     * {@code scaled / 10^fractionDigits} as a decimal with exactly that many fraction digits. The digits are written
     * from the last, dividing by constants only: a division by a variable power of ten costs more than the rest.
     */
    void putDecimal(long scaled, int fractionDigits) {
        if (fractionDigits == 0) {
            putLong(scaled);
            return;
        }
        if (scaled < 0) {
            put('-');
            scaled = -scaled; // the caller's clamp keeps it above Long.MIN_VALUE
        }
        int whole = Math.max(1, digits(scaled) - fractionDigits);
        int n = whole + 1 + fractionDigits;
        room(n);
        int end = length + n;
        long integer = writeDigits(scaled, end, fractionDigits);
        array[end - fractionDigits - 1] = '.';
        writeDigits(integer, end - fractionDigits - 1, whole);
        length = end;
    }

    /** The low {@code 4 * chars} bits of {@code v} as lower-case hex, most significant first. */
    void putHex(long v, int chars) {
        if (chars == 16) {
            room(16);
            LONGS.set(array, length, hex8(v >>> 32));
            LONGS.set(array, length + 8, hex8(v));
            length += 16;
            return;
        }
        if (chars == 8) {
            room(8);
            LONGS.set(array, length, hex8(v));
            length += 8;
            return;
        }
        room(chars);
        int i = length + chars;
        while (i - length >= 2) {
            int pair = (int) (v & 0xFF) << 1;
            array[--i] = HEX_PAIRS[pair + 1];
            array[--i] = HEX_PAIRS[pair];
            v >>>= 8;
        }
        if (i > length) array[--i] = HEX[(int) (v & 0xF)];
        length += chars;
    }

    /**
     * Up to 16 bytes given as two big-endian longs ({@link #pack}): two stores instead of a copy, for the words of
     * sentences. The stores may write past {@code n}; what follows overwrites it, and the record ends at the length.
     */
    void putPacked(long first, long second, int n) {
        room(16);
        LONGS.set(array, length, first);
        LONGS.set(array, length + 8, second);
        length += n;
    }

    /** Bytes {@code [8 * half, 8 * half + 8)} of {@code b}, zero-padded, as a big-endian long for {@link #putPacked}. */
    static long pack(byte[] b, int half) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int k = 8 * half + i;
            v = (v << 8) | (k < b.length ? b[k] & 0xFF : 0);
        }
        return v;
    }

    /** A random UUID's 32 hex digits in the 8-4-4-4-12 layout, eight digits per step. */
    void putUuid(long hi, long lo) {
        room(36);
        byte[] a = array;
        int p = length;
        long h1 = hex8(hi);
        long h2 = hex8(lo >>> 32);
        LONGS.set(a, p, hex8(hi >>> 32));
        a[p + 8] = '-';
        INTS.set(a, p + 9, (int) (h1 >>> 32));
        a[p + 13] = '-';
        INTS.set(a, p + 14, (int) h1);
        a[p + 18] = '-';
        INTS.set(a, p + 19, (int) (h2 >>> 32));
        a[p + 23] = '-';
        INTS.set(a, p + 24, (int) h2);
        LONGS.set(a, p + 28, hex8(lo));
        length = p + 36;
    }

    /**
     * The eight hex digits of the low 32 bits of {@code x} as ASCII, the most significant digit in the top byte: the
     * nibbles are spread one per byte, then each becomes '0'-'9' or 'a'-'f' in all eight bytes at once.
     */
    static long hex8(long x) {
        long v = x & 0xFFFFFFFFL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        long letters = ((v + 0x0606060606060606L) & 0x1010101010101010L) >>> 4; // 1 in each byte holding 10-15
        return v + 0x3030303030303030L + letters * ('a' - '0' - 10);
    }

    /** Decimal digits of a non-negative {@code v}: comparisons, no division. */
    private static int digits(long v) {
        int n = 1;
        while (n < 19 && v >= Pow10.of(n)) n++;
        return n;
    }
}
