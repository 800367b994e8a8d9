package io.loadgen.tune;

import java.util.Locale;

/**
 * One trial of a tune: its place, why it ran, its settings, what it measured and how long it took.
 *
 * @param number   1, 2, 3 ... in the order run
 * @param phase    the search step that asked for it: {@code baseline}, {@code capacity}, {@code knob batch-size},
 *                 {@code rate}, {@code confirm}
 * @param seconds  wall time of the whole trial, set-up and clean-up included
 * @param meetsSlo for a paced trial under a latency objective: whether it met it; null otherwise
 */
public record TrialRun(
        int number, String phase, TrialSettings settings, Measurement measurement, double seconds, Boolean meetsSlo) {

    /** Share of the target rate a paced trial must achieve to count as keeping up. */
    static final double KEPT_UP = 0.95;

    static TrialRun of(
            int number, String phase, TrialSettings settings, Measurement m, double seconds, Objective objective) {
        Boolean meets = null;
        if (objective instanceof Objective.LatencySlo slo && settings.paced()) {
            meets = m.clean() && m.p99Millis() <= slo.p99Millis() && keptUp(settings, m);
        }
        return new TrialRun(number, phase, settings, m, seconds, meets);
    }

    static boolean keptUp(TrialSettings s, Measurement m) {
        return !s.paced() || m.recordsPerSecond() >= KEPT_UP * s.rate();
    }

    public boolean keptUp() {
        return keptUp(settings, measurement);
    }

    /** The bottleneck verdict of this trial, from its producer metrics. */
    public Bottleneck bottleneck() {
        return Bottleneck.judge(measurement.evidence(), settings.paced(), keptUp());
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }
}
