package io.loadgen.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * A group's lag over the run, one point per watch interval, and the judgement on it. Bounded for a day-long run:
 * past {@link #MAX_POINTS} every other point is dropped, which keeps the shape the judgement needs.
 */
final class LagSeries {

    static final int MAX_POINTS = 4_096;

    /**
     * The least growth of the lag in time that counts as falling behind, seconds per second: a group that consumes at
     * C while records come at R sees its oldest record age at 1 - C/R s/s, so this is a group below 95% of the rate.
     * Judged on time rather than records, a lag that grows only because the rate does (a ramp, with commits every few
     * seconds) is not mistaken for falling behind.
     */
    static final double GROWTH_SHARE = 0.05;

    /** How far above its highest lag before X a group must be at the last send to have fallen behind. */
    static final double HIGHER_THAN_BEFORE = 1.5;

    /**
     * @param seconds    since sending began
     * @param lagSeconds age of the oldest unconsumed record
     * @param produced   records written since the baseline; {@code consumed} likewise
     */
    record Point(double seconds, long lag, double lagSeconds, long produced, long consumed) {}

    /**
     * Falling behind from {@code fromSeconds}: the lag in time grew at {@code lagSlope} s/s from there to the last send,
     * while records were written at {@code producedPerSecond} and consumed at {@code consumedPerSecond}.
     */
    record Behind(double fromSeconds, double lagSlope, double producedPerSecond, double consumedPerSecond) {}

    private final List<Point> points = new ArrayList<>();

    void add(Point p) {
        points.add(p);
        if (points.size() > MAX_POINTS) {
            for (int i = points.size() - 2; i > 0; i -= 2) points.remove(i);
        }
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /**
     * Whether the lag grew steadily while records were sent (points up to {@code sendEndSeconds}). The lag in time is
     * modelled as flat up to a moment X and a straight line after it; X is the moment that fits best (least squares),
     * and the group fell behind from X when the line rises faster than {@link #GROWTH_SHARE} s/s, the lag at the last
     * send is well above ({@link #HIGHER_THAN_BEFORE}) everything it was before X, and it rose by more than a
     * reading's worth. A sawtooth from commits every few seconds is flat on this model; a consumer slower than the
     * producer is a rising line.
     *
     * @return null when the lag stayed bounded (or there are too few points to tell)
     */
    Behind behind(double sendEndSeconds) {
        List<Point> sent =
                points.stream().filter(p -> p.seconds <= sendEndSeconds + 1e-9).toList();
        int n = sent.size();
        if (n < 4) return null;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = sent.get(i).seconds;
            y[i] = sent.get(i).lagSeconds;
        }
        int bestStart = 0;
        double bestError = Double.MAX_VALUE;
        double bestSlope = 0;
        // The rising part spans a third of the sending time and four points at least: a line, not one tooth of the
        // sawtooth that commits every few seconds draw, nor a spike at the last reading.
        int shortest = Math.max(4, n / 3);
        for (int k = 0; k <= n - shortest; k++) {
            double error = flatError(y, 0, k);
            double[] line = fit(t, y, k, n);
            error += line[2];
            if (error < bestError) {
                bestError = error;
                bestStart = k;
                bestSlope = line[0];
            }
        }
        Point from = sent.get(bestStart);
        Point last = sent.get(n - 1);
        double span = last.seconds - from.seconds;
        if (span <= 0) return null;
        double produced = (last.produced - from.produced) / span;
        double consumed = (last.consumed - from.consumed) / span;
        if (bestSlope <= GROWTH_SHARE) return null;
        double highestBefore = 0;
        for (int i = 0; i < bestStart; i++) highestBefore = Math.max(highestBefore, sent.get(i).lagSeconds);
        if (last.lagSeconds <= HIGHER_THAN_BEFORE * highestBefore) return null;
        // And it rose by more than a reading's worth: one late commit is not a trend.
        double step = span / Math.max(1, n - 1 - bestStart);
        if (last.lagSeconds - from.lagSeconds <= step) return null;
        return new Behind(from.seconds, bestSlope, produced, consumed);
    }

    /** Squared distance of y[from, to) from its mean. */
    private static double flatError(double[] y, int from, int to) {
        if (to - from < 1) return 0;
        double mean = 0;
        for (int i = from; i < to; i++) mean += y[i];
        mean /= to - from;
        double error = 0;
        for (int i = from; i < to; i++) error += (y[i] - mean) * (y[i] - mean);
        return error;
    }

    /** Least-squares line through (t, y)[from, to): slope, intercept, squared error. */
    private static double[] fit(double[] t, double[] y, int from, int to) {
        int m = to - from;
        double st = 0, sy = 0;
        for (int i = from; i < to; i++) {
            st += t[i];
            sy += y[i];
        }
        double mt = st / m, my = sy / m;
        double stt = 0, sty = 0;
        for (int i = from; i < to; i++) {
            stt += (t[i] - mt) * (t[i] - mt);
            sty += (t[i] - mt) * (y[i] - my);
        }
        double slope = stt == 0 ? 0 : sty / stt;
        double intercept = my - slope * mt;
        double error = 0;
        for (int i = from; i < to; i++) {
            double d = y[i] - (intercept + slope * t[i]);
            error += d * d;
        }
        return new double[] {slope, intercept, error};
    }
}
