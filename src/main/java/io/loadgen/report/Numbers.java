package io.loadgen.report;

import java.util.Locale;

/** Number formats shared by the progress line and the summary. */
final class Numbers {

    private Numbers() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Whole records/s from 100 up; below, up to two decimals, so a paced 0.5/s is not printed as 1. */
    static String rate(double perSecond) {
        if (perSecond >= 100 || perSecond == Math.rint(perSecond))
            return String.format(Locale.ROOT, "%,.0f", perSecond);
        return String.format(Locale.ROOT, "%.2f", perSecond)
                .replaceAll("0+$", "")
                .replaceAll("\\.$", "");
    }

    static String mib(double mib) {
        return String.format(Locale.ROOT, "%.1f", mib);
    }

    /** A fraction as a percentage, up to four decimals without trailing zeros: 0.001 → {@code 0.1%}. */
    static String percent(double fraction) {
        String s = String.format(Locale.ROOT, "%.4f", fraction * 100)
                .replaceAll("0+$", "")
                .replaceAll("\\.$", "");
        return s + "%";
    }

    /** Microseconds as milliseconds with three decimals. */
    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
