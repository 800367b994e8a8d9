package io.loadgen.payload;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes UTC timestamps as RFC 3339 with nanoseconds ({@code 2026-11-25T12:00:01.123456789Z}, always 30 bytes)
 * without allocating: the date and time up to the second is formatted once per second, the nanoseconds are patched.
 * Template {@code {{time}}} placeholders write their date and time through {@link #writeSecond} too, so the shipped
 * {@code seed} template and {@code --payload seed} agree byte for byte.
 */
public final class Rfc3339NanoFormatter {

    public static final int LENGTH = 30;
    /** The length of "yyyy-MM-ddTHH:mm:ss.", the part formatted once per second. */
    public static final int SECOND_PREFIX = 20;

    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] secondPrefix = new byte[SECOND_PREFIX];

    /** Writes the timestamp for {@code epochNanos} into {@code buf} at {@code offset}. */
    void write(long epochNanos, byte[] buf, int offset) {
        writeSecond(epochNanos, buf, offset);
        Digits.writeFixed(buf, offset + SECOND_PREFIX, 9, Math.floorMod(epochNanos, 1_000_000_000L));
        buf[offset + LENGTH - 1] = 'Z';
    }

    /** Writes "yyyy-MM-ddTHH:mm:ss." ({@value #SECOND_PREFIX} bytes) of {@code epochNanos}, UTC, at {@code offset}. */
    public void writeSecond(long epochNanos, byte[] buf, int offset) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            String s = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d.",
                    t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, secondPrefix, 0, SECOND_PREFIX);
            cachedSecond = second;
        }
        System.arraycopy(secondPrefix, 0, buf, offset, SECOND_PREFIX);
    }
}
