package io.loadgen.spec;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A distribution of numbers, written as text on the command line ({@code --record-size}, {@code --keys}) and in
 * templates. Immutable and valid once built; {@link #toString()} gives the canonical text, which {@link #parse} reads
 * back to an equal value.
 *
 * <ul>
 *   <li>{@code N}: always N;
 *   <li>{@code A..B}: uniform integers from A to B, both included;
 *   <li>{@code uniform:A:B}: uniform from A to B (decimals allowed; integer uses draw integers from A to B);
 *   <li>{@code normal:MEAN:SD}: normal (Gaussian);
 *   <li>{@code lognormal:MEAN:SIGMA}: log-normal whose draws average MEAN, with SIGMA the standard deviation of their
 *       logarithm. MEAN rather than the usual mu because a user thinks "records of about 800 bytes"; SIGMA is the
 *       shape, how long the right tail is;
 *   <li>{@code zipf:N:S}: ranks 1..N, rank k drawn with probability proportional to 1/k^S: a few hot values and a
 *       long tail, as keys and URLs are in real traffic.
 * </ul>
 *
 * @param kind   which family
 * @param first  N, A, MEAN (normal, lognormal) or the zipf N
 * @param second B, SD, SIGMA or S; 0 for a constant
 */
public record Distribution(Kind kind, double first, double second) {

    public enum Kind {
        CONSTANT,
        RANGE,
        UNIFORM,
        NORMAL,
        LOGNORMAL,
        ZIPF
    }

    public static final String ACCEPTED = "N, A..B, uniform:A:B, normal:MEAN:SD, lognormal:MEAN:SIGMA or zipf:N:S";

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,16}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,16}(\\.\\d+)?([eE][-+]?\\d{1,3})?");
    // Integers beyond 2^53 would not survive the double they are kept in.
    private static final double LARGEST_INTEGER = 9_007_199_254_740_992.0;
    // Above this many ranks the zipf mean is estimated (Euler-Maclaurin) rather than summed term by term.
    private static final int ZIPF_EXACT_SUM = 100_000;

    public Distribution {
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (!Double.isFinite(first) || !Double.isFinite(second)) {
            throw new IllegalArgumentException("expected finite numbers; got " + first + " and " + second);
        }
        String problem = problem(kind, first, second);
        if (problem != null) throw new IllegalArgumentException(problem + "; got '" + text(kind, first, second) + "'");
    }

    public static Distribution constant(double n) {
        return new Distribution(Kind.CONSTANT, n, 0);
    }

    public static Distribution range(long a, long b) {
        return new Distribution(Kind.RANGE, a, b);
    }

    /**
     * Reads the text forms listed above. The message of the exception is one line saying what was found and what is
     * accepted, for the caller to prefix with where the text came from (an option name, a template position).
     */
    public static Distribution parse(String text) {
        if (text == null) throw new IllegalArgumentException("expected " + ACCEPTED + "; got nothing");
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots > 0 && isInteger(t.substring(0, dots)) && isInteger(t.substring(dots + 2))) {
            return checked(Kind.RANGE, integer(t.substring(0, dots)), integer(t.substring(dots + 2)), text);
        }
        if (isNumber(t)) return checked(Kind.CONSTANT, Double.parseDouble(t), 0, text);
        String[] parts = t.split(":", -1);
        if (parts.length == 3 && isNumber(parts[1]) && isNumber(parts[2])) {
            double a = Double.parseDouble(parts[1]);
            double b = Double.parseDouble(parts[2]);
            switch (parts[0]) {
                case "uniform":
                    return checked(Kind.UNIFORM, a, b, text);
                case "normal":
                    return checked(Kind.NORMAL, a, b, text);
                case "lognormal":
                    return checked(Kind.LOGNORMAL, a, b, text);
                case "zipf":
                    if (!isInteger(parts[1])) {
                        throw new IllegalArgumentException(
                                "zipf N must be a whole number of ranks; got '" + text + "'");
                    }
                    return checked(Kind.ZIPF, a, b, text);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("expected " + ACCEPTED + "; got '" + text + "'");
    }

    /** The expected value of a draw (before any clamping by the user of the distribution). */
    public double mean() {
        return switch (kind) {
            case CONSTANT, NORMAL, LOGNORMAL -> first;
            case RANGE, UNIFORM -> (first + second) / 2;
            case ZIPF -> harmonic((long) first, second - 1) / harmonic((long) first, second);
        };
    }

    /** True when every draw is a whole number (a range, zipf ranks, a whole constant). */
    public boolean integral() {
        return switch (kind) {
            case RANGE, ZIPF -> true;
            case CONSTANT -> first == Math.rint(first);
            case UNIFORM, NORMAL, LOGNORMAL -> false;
        };
    }

    /** The smallest value a draw can take: {@code -Infinity} for the normal. */
    public double lowest() {
        return switch (kind) {
            case CONSTANT, RANGE, UNIFORM -> first;
            case NORMAL -> second == 0 ? first : Double.NEGATIVE_INFINITY;
            case LOGNORMAL -> second == 0 ? first : 0;
            case ZIPF -> 1;
        };
    }

    /** The largest value a draw can take: {@code +Infinity} for the normal and the log-normal. */
    public double highest() {
        return switch (kind) {
            case CONSTANT, ZIPF -> first;
            case RANGE, UNIFORM -> second;
            case NORMAL, LOGNORMAL -> second == 0 ? first : Double.POSITIVE_INFINITY;
        };
    }

    /** mu of the log-normal: the mean of the logarithm of a draw, from MEAN and SIGMA. */
    public double logMean() {
        return Math.log(first) - second * second / 2;
    }

    /** The canonical text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return text(kind, first, second);
    }

    /**
     * H(n, s) = sum of 1/k^s for k = 1..n, the normalising constant of zipf: P(rank k) = k^-s / H(n, s). Summed term by
     * term up to {@value #ZIPF_EXACT_SUM} ranks; beyond, the tail is the Euler-Maclaurin estimate, whose error is far
     * below a double's precision at that distance.
     */
    public static double harmonic(long n, double s) {
        long exact = Math.min(n, ZIPF_EXACT_SUM);
        double sum = 0;
        // From the small terms up, so they are not lost against the large ones.
        for (long k = exact; k >= 1; k--) sum += Math.pow(k, -s);
        if (n == exact) return sum;
        double m = exact;
        double integral = s == 1 ? Math.log(n / m) : (Math.pow(n, 1 - s) - Math.pow(m, 1 - s)) / (1 - s);
        double ends = (Math.pow(n, -s) - Math.pow(m, -s)) / 2;
        double slope = -s / 12 * (Math.pow(n, -s - 1) - Math.pow(m, -s - 1));
        return sum + integral + ends + slope;
    }

    private static Distribution checked(Kind kind, double first, double second, String text) {
        String problem = problem(kind, first, second);
        if (problem != null) throw new IllegalArgumentException(problem + "; got '" + text + "'");
        return new Distribution(kind, first, second);
    }

    private static String problem(Kind kind, double first, double second) {
        return switch (kind) {
            case CONSTANT -> second != 0 ? "a constant has no second number" : null;
            case RANGE -> {
                if (first != Math.rint(first) || second != Math.rint(second)) yield "A..B takes whole numbers";
                if (Math.abs(first) > LARGEST_INTEGER || Math.abs(second) > LARGEST_INTEGER) {
                    yield "A..B takes numbers up to 2^53";
                }
                yield first > second ? "A..B needs A <= B" : null;
            }
            case UNIFORM -> first > second ? "uniform:A:B needs A <= B" : null;
            case NORMAL -> second < 0 ? "normal:MEAN:SD needs SD >= 0" : null;
            case LOGNORMAL -> {
                if (first <= 0) yield "lognormal:MEAN:SIGMA needs MEAN > 0";
                yield second < 0 ? "lognormal:MEAN:SIGMA needs SIGMA >= 0" : null;
            }
            case ZIPF -> {
                if (first != Math.rint(first) || first < 1 || first > Integer.MAX_VALUE) {
                    yield "zipf:N:S needs N from 1 to " + Integer.MAX_VALUE;
                }
                yield second <= 0 ? "zipf:N:S needs S > 0" : null;
            }
        };
    }

    private static String text(Kind kind, double first, double second) {
        return switch (kind) {
            case CONSTANT -> number(first);
            case RANGE -> number(first) + ".." + number(second);
            case UNIFORM -> "uniform:" + number(first) + ":" + number(second);
            case NORMAL -> "normal:" + number(first) + ":" + number(second);
            case LOGNORMAL -> "lognormal:" + number(first) + ":" + number(second);
            case ZIPF -> "zipf:" + number(first) + ":" + number(second);
        };
    }

    /** Shortest plain decimal: 100, not 100.0 or 1E+2. */
    private static String number(double v) {
        if (v == 0) return "0"; // also -0.0
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static boolean isInteger(String s) {
        return INTEGER.matcher(s).matches();
    }

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static double integer(String s) {
        return Long.parseLong(s);
    }
}
