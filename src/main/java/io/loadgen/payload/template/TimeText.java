package io.loadgen.payload.template;

import io.loadgen.payload.Rfc3339NanoFormatter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes the record's time in the template formats. The date and time up to the second is formatted once per second
 * (one thread's records share their second), the fraction or epoch digits are written per record. RFC 3339 goes
 * through the seed payload's {@link Rfc3339NanoFormatter}, so the two cannot drift apart.
 */
final class TimeText {

    private static final byte[][] MONTHS = {
        ascii("Jan"), ascii("Feb"), ascii("Mar"), ascii("Apr"), ascii("May"), ascii("Jun"),
        ascii("Jul"), ascii("Aug"), ascii("Sep"), ascii("Oct"), ascii("Nov"), ascii("Dec")
    };

    /** The seed payload's formatter: the date and time up to the second, cached per second, written its way. */
    private final Rfc3339NanoFormatter rfc3339 = new Rfc3339NanoFormatter();

    private long second = Long.MIN_VALUE;
    /** dd/MMM/yyyy:HH:mm:ss +0000 */
    private final Bytes clf = new Bytes(26);

    void rfc3339(Bytes out, long epochNanos, int fractionDigits) {
        int at = out.reserve(Rfc3339NanoFormatter.SECOND_PREFIX); // first: it may replace out.array
        rfc3339.writeSecond(epochNanos, out.array, at);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        // Constant divisors: the compiler turns them into multiplications.
        switch (fractionDigits) {
            case 3 -> out.putFixed(nanos / 1_000_000, 3);
            case 6 -> out.putFixed(nanos / 1_000, 6);
            default -> out.putFixed(nanos, 9);
        }
        out.put('Z');
    }

    void clf(Bytes out, long epochNanos) {
        cache(epochNanos);
        out.put(clf);
    }

    private void cache(long epochNanos) {
        long s = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (s == second) return;
        LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
        clf.clear();
        clf.putFixed(t.getDayOfMonth(), 2);
        clf.put('/');
        clf.put(MONTHS[t.getMonthValue() - 1]);
        clf.put('/');
        clf.putFixed(t.getYear(), 4);
        clf.put(':');
        clock(clf, t);
        clf.put(' ');
        clf.put('+');
        clf.putFixed(0, 4);
        second = s;
    }

    private static void clock(Bytes out, LocalDateTime t) {
        out.putFixed(t.getHour(), 2);
        out.put(':');
        out.putFixed(t.getMinute(), 2);
        out.put(':');
        out.putFixed(t.getSecond(), 2);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
