package io.loadgen.report;

import java.util.Locale;

/** Number formats shared by the progress line and the summary. */
final class Numbers {

    private Numbers() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String mib(double mib) {
        return String.format(Locale.ROOT, "%.1f", mib);
    }

    /** Microseconds as milliseconds with three decimals. */
    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
