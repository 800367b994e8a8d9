package io.loadgen.spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How the target rate (records/s over all sender threads) changes during a run: constant, a linear ramp, or steps.
 * After the shape's {@link #length()} the last rate holds.
 *
 * <p>The schedule is open-loop: record {@code i} (counted over all threads, from 0) is due at the time {@code t}
 * where the integral of the rate from the start to {@code t} reaches {@code i}. So the due times follow from the
 * curve alone, never from when earlier records were actually sent, and a stalled broker cannot slow the schedule.
 */
public sealed interface RateShape {

    /** Records/s asked for {@code seconds} after the start. */
    double rateAt(double seconds);

    /**
     * Seconds after the start at which record {@code index} is due (the inverse of the rate's integral), or
     * {@link Double#POSITIVE_INFINITY} if the rate stays 0 from the point where it would be due.
     */
    double dueSeconds(double index);

    /** How long the shape lasts; {@link Duration#ZERO} for a constant rate, which has no end of its own. */
    Duration length();

    /** The same shape at {@code factor} times the rate: a shard's part of a fleet's shape. */
    RateShape scaled(double factor);

    /** For humans: {@code 50000/s}, {@code ramp 1000/s → 50000/s over 1m}, {@code steps 10000/s for 30s, ...}. */
    String describe();

    /** The same rate all the time: record {@code i} is due at {@code i / rate}. */
    record Constant(double ratePerSecond) implements RateShape {

        public Constant {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
            }
        }

        @Override
        public double rateAt(double seconds) {
            return ratePerSecond;
        }

        @Override
        public double dueSeconds(double index) {
            return index / ratePerSecond;
        }

        @Override
        public Duration length() {
            return Duration.ZERO;
        }

        @Override
        public RateShape scaled(double factor) {
            return new Constant(ratePerSecond * factor);
        }

        @Override
        public String describe() {
            return rate(ratePerSecond);
        }
    }

    /**
     * A linear ramp from {@code fromPerSecond} to {@code toPerSecond} over {@code over}, then {@code toPerSecond}.
     * Its integral is {@code from·t + slope·t²/2}, so record {@code i} is due at the root of that quadratic.
     */
    record Ramp(double fromPerSecond, double toPerSecond, Duration over) implements RateShape {

        public Ramp {
            Objects.requireNonNull(over, "over");
            if (fromPerSecond < 0 || toPerSecond < 0 || fromPerSecond + toPerSecond <= 0) {
                throw new IllegalArgumentException("ramp rates must be >= 0 and not both 0");
            }
            if (over.isZero() || over.isNegative()) throw new IllegalArgumentException("ramp length must be positive");
        }

        private double seconds() {
            return over.toNanos() / 1e9;
        }

        private double slope() {
            return (toPerSecond - fromPerSecond) / seconds();
        }

        @Override
        public double rateAt(double seconds) {
            if (seconds >= seconds()) return toPerSecond;
            return fromPerSecond + slope() * Math.max(0, seconds);
        }

        @Override
        public double dueSeconds(double index) {
            if (index <= 0) return 0;
            double length = seconds();
            double duringRamp = (fromPerSecond + toPerSecond) / 2 * length;
            if (index > duringRamp) {
                return toPerSecond > 0 ? length + (index - duringRamp) / toPerSecond : Double.POSITIVE_INFINITY;
            }
            // slope/2·t² + from·t − i = 0, in the form that stays accurate when the slope is 0 or tiny
            double root = Math.sqrt(Math.max(0, fromPerSecond * fromPerSecond + 2 * slope() * index));
            return 2 * index / (fromPerSecond + root);
        }

        @Override
        public Duration length() {
            return over;
        }

        @Override
        public RateShape scaled(double factor) {
            return new Ramp(fromPerSecond * factor, toPerSecond * factor, over);
        }

        @Override
        public String describe() {
            return "ramp " + rate(fromPerSecond) + " → " + rate(toPerSecond) + " over " + Durations.format(over);
        }
    }

    /** Rates held for a time each, in order; a step of rate 0 is a pause. */
    record Steps(List<Step> steps) implements RateShape {

        public record Step(double ratePerSecond, Duration duration) {
            public Step {
                Objects.requireNonNull(duration, "duration");
                if (ratePerSecond < 0 || Double.isInfinite(ratePerSecond) || Double.isNaN(ratePerSecond)) {
                    throw new IllegalArgumentException("step rate must be >= 0, got " + ratePerSecond);
                }
                if (duration.isZero() || duration.isNegative())
                    throw new IllegalArgumentException("step length must be positive");
            }
        }

        public Steps {
            steps = List.copyOf(steps);
            if (steps.stream().noneMatch(s -> s.ratePerSecond() > 0)) {
                throw new IllegalArgumentException("at least one step needs a positive rate");
            }
        }

        @Override
        public double rateAt(double seconds) {
            double end = 0;
            for (Step s : steps) {
                end += s.duration().toNanos() / 1e9;
                if (seconds < end) return s.ratePerSecond();
            }
            return last().ratePerSecond();
        }

        @Override
        public double dueSeconds(double index) {
            double startSeconds = 0;
            double recordsBefore = 0;
            for (Step s : steps) {
                double seconds = s.duration().toNanos() / 1e9;
                double records = s.ratePerSecond() * seconds;
                if (index < recordsBefore + records) return startSeconds + (index - recordsBefore) / s.ratePerSecond();
                recordsBefore += records;
                startSeconds += seconds;
            }
            double rate = last().ratePerSecond();
            return rate > 0 ? startSeconds + (index - recordsBefore) / rate : Double.POSITIVE_INFINITY;
        }

        @Override
        public Duration length() {
            return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
        }

        @Override
        public RateShape scaled(double factor) {
            return new Steps(steps.stream()
                    .map(s -> new Step(s.ratePerSecond() * factor, s.duration()))
                    .toList());
        }

        @Override
        public String describe() {
            return "steps "
                    + steps.stream()
                            .map(s -> rate(s.ratePerSecond()) + " for " + Durations.format(s.duration()))
                            .collect(Collectors.joining(", "));
        }

        private Step last() {
            return steps.get(steps.size() - 1);
        }
    }

    /** A given rate as given, with thousands separators and no unit: {@code 0.5}, {@code 2.25}, {@code 50,000}. */
    static String formatRate(double perSecond) {
        java.text.DecimalFormat f =
                new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(perSecond);
    }

    private static String rate(double perSecond) {
        return (perSecond == Math.rint(perSecond)
                        ? String.format(Locale.ROOT, "%.0f", perSecond)
                        : String.format(Locale.ROOT, "%s", perSecond))
                + "/s";
    }
}
