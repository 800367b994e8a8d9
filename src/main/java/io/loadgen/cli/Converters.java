package io.loadgen.cli;

import io.loadgen.spec.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose errors say what is accepted, not which Java type failed. */
final class Converters {

    private Converters() {}

    /**
     * Whole numbers, with optional {@code _} separators and a {@code k}/{@code m}/{@code g} suffix, decimals allowed
     * when the result is whole: 2000000, 2_000_000, 2m, 1.5k. Every count option takes the same forms as --rate.
     */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseCount(value);
        }
    }

    static final String COUNT_FORMS = "examples: 500000, 2_000_000, 1.5k, 2m; suffixes k, m, g";

    static long parseCount(String value) {
        String s = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (s.endsWith("k")) multiplier = 1_000;
        else if (s.endsWith("m")) multiplier = 1_000_000;
        else if (s.endsWith("g")) multiplier = 1_000_000_000;
        if (multiplier > 1) s = s.substring(0, s.length() - 1);
        try {
            if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) throw new NumberFormatException(s);
            // longValueExact: a fraction left over (1.5 records) or an overflow is not a count
            return new BigDecimal(s).multiply(BigDecimal.valueOf(multiplier)).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number (" + COUNT_FORMS + ")");
        }
    }

    /** An int count, same syntax as {@link Count}. */
    static final class IntCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v = parseCount(value);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new TypeConversionException("'" + value + "' is too large (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) v;
        }
    }

    /** Records per second; decimals allowed, same suffixes as {@link Count}. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String s = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
            double multiplier = 1;
            if (s.endsWith("k")) multiplier = 1e3;
            else if (s.endsWith("m")) multiplier = 1e6;
            else if (s.endsWith("g")) multiplier = 1e9;
            if (multiplier > 1) s = s.substring(0, s.length() - 1);
            try {
                double v = Double.parseDouble(s) * multiplier;
                if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a rate in records/s (examples: 50000, 2.5k, 1m)");
            }
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
