package io.loadgen.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations users type: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m}, or ISO-8601 {@code PT30S}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (s.isEmpty()) throw invalid(text);
        // zero needs no unit ("0 to skip"); any other bare number is refused, its unit would be a guess
        if (s.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) throw invalid(text);
            double amount = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            total = total.plusNanos(Math.round(amount * unitMillis * 1_000_000d));
            pos = m.end();
        }
        if (pos != s.length()) throw invalid(text);
        return total;
    }

    /** Prints a duration the way {@link #parse} reads it, e.g. {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        long ms = d.toMillis();
        if (ms < 1_000) return ms + "ms";
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        if (h > 0) sb.append(h).append('h');
        int m = d.toMinutesPart();
        if (m > 0) sb.append(m).append('m');
        int s = d.toSecondsPart();
        int milli = d.toMillisPart();
        if (s > 0 || milli > 0) {
            sb.append(s);
            if (milli > 0) sb.append('.').append(String.format("%03d", milli).replaceAll("0+$", ""));
            sb.append('s');
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a duration; use a number with a unit: 500ms, 30s, 5m, 1h (or ISO-8601 like PT30S)");
    }
}
