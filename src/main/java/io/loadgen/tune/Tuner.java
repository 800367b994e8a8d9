package io.loadgen.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The search, as pure logic over a {@link Trial} function and a clock.
 *
 * <p><b>Maximum throughput</b>: coordinate descent. Measure the starting settings; then, one knob at a time with the
 * others held, climb the numeric knobs from the current value (up while it helps, else down) and try each codec;
 * keep a change only when it wins by more than {@link #MIN_GAIN}, because on a small shared machine two trials of
 * the same settings differ by several per cent. Repeat the round while it still changes something, then run the
 * winner and the starting settings once more, back to back (the search keeps two trials' time of the budget for
 * that), and keep the winner only if its mean still beats the start's. Settings tried twice are pooled (mean),
 * never re-run for the search itself.
 *
 * <p><b>Latency SLO</b>: measure the capacity of the starting settings unpaced, bisect {@code --rate} below it for
 * the highest rate that meets the p99 limit, then descend over the knobs at the first rate that missed it (meeting
 * the limit beats missing it, then the lower p99 wins), and bisect the rate again with the winner.
 *
 * <p>Both stop when the next trial would not fit in the budget: its length is estimated as the longest trial so far
 * (at first, the nominal length). Every loop is bounded in count too ({@link #MAX_TRIALS}, {@link #MAX_ROUNDS},
 * {@link #MAX_BISECTIONS}).
 */
public final class Tuner {

    /** A change must win by this much to be kept: below it, two trials of the same settings disagree as much. */
    static final double MIN_GAIN = 0.05;

    static final int MAX_TRIALS = 200;
    static final int MAX_ROUNDS = 3;
    static final int MAX_BISECTIONS = 6;
    /** Bisection stops when the passing and failing rates are this close (relative). */
    static final double RATE_PRECISION = 0.05;
    /** The first rate probed under an SLO, as a share of the measured capacity. */
    static final double FIRST_PROBE = 0.8;

    private static final String BUDGET = "budget reached";

    /** Hears about each trial as it starts and ends (progress lines). */
    public interface Listener {
        default void started(int number, String phase, TrialSettings settings) {}

        default void finished(TrialRun run) {}
    }

    private final Trial trial;
    private final LongSupplier nanoClock;
    private final SearchSpace space;
    private final Objective objective;
    private final long budgetNanos;
    private final long nominalTrialNanos;
    private final Listener listener;
    private final List<TrialRun> runs = new ArrayList<>();
    private final Map<TrialSettings, List<TrialRun>> bySettings = new LinkedHashMap<>();
    private long startNanos;
    private long longestTrialNanos;
    private String stopReason;
    /** Trials held back from the search for the confirmation of its winner (throughput search only). */
    private int reservedTrials;
    /** The settings the throughput search settled on (null until it has a measured start). */
    private TrialSettings settled;

    private volatile boolean stopRequested;

    /**
     * @param nominalTrial how long a trial should take (warm-up + measured window + set-up), the estimate until one ran
     */
    public Tuner(
            Trial trial,
            LongSupplier nanoClock,
            SearchSpace space,
            Objective objective,
            Duration budget,
            Duration nominalTrial,
            Listener listener) {
        this.trial = trial;
        this.nanoClock = nanoClock;
        this.space = space;
        this.objective = objective;
        this.budgetNanos = budget.toNanos();
        this.nominalTrialNanos = nominalTrial.toNanos();
        this.listener = listener;
    }

    /** Ends the search after the current trial (SIGINT); what was measured so far is still reported. */
    public void requestStop() {
        stopRequested = true;
    }

    public TuneResult run(TrialSettings base) {
        startNanos = nanoClock.getAsLong();
        if (objective instanceof Objective.LatencySlo slo) {
            searchRate(base.unpaced(), slo);
        } else {
            searchThroughput(base.unpaced());
        }
        if (stopReason == null) stopReason = "search converged";
        return new TuneResult(
                objective,
                space,
                List.copyOf(runs),
                best(),
                stopReason,
                (nanoClock.getAsLong() - startNanos) / 1e9,
                budgetNanos / 1e9,
                null);
    }

    // --- maximum throughput

    private void searchThroughput(TrialSettings base) {
        TrialRun first = measure(base, "baseline");
        if (first == null || !first.measurement().clean()) {
            stop(first == null ? stopReason : "the starting settings failed: " + failure(first));
            return;
        }
        TrialSettings current = base;
        settled = base;
        // Keep room for two more trials, the winner and the start once more, back to back: a winner measured once may
        // be a lucky trial, and the load on the machine drifts during a tune, so the two are compared again side by
        // side.
        reservedTrials = 2;
        for (int round = 1; round <= MAX_ROUNDS && !stopped(); round++) {
            TrialSettings before = current;
            for (Knob knob : space.knobs()) {
                if (stopped()) break;
                current = knob.ordered()
                        ? climb(current, knob, this::throughputBetter)
                        : tryEach(current, knob, this::throughputBetter);
                settled = current;
            }
            if (current.equals(before)) break;
        }
        reservedTrials = 0;
        // Even when nothing beat the start, its single trial may have been a lucky one: measure it again too.
        if (!stopped() || stopReason.startsWith(BUDGET)) {
            String reason = stopReason;
            stopReason = null; // the search kept these trials' time for them
            if (!current.equals(base)) measure(current, "confirm");
            measure(base, "confirm start");
            if (stopReason == null) stopReason = reason;
        }
        // A gain that did not hold up in the side-by-side confirmation is no gain: then the start stays the best.
        if (meanThroughput(settled) < meanThroughput(base)) settled = base;
    }

    private boolean throughputBetter(TrialSettings candidate, TrialSettings incumbent) {
        double c = meanThroughput(candidate);
        double i = meanThroughput(incumbent);
        return c > i * (1 + MIN_GAIN);
    }

    // --- latency SLO

    private void searchRate(TrialSettings base, Objective.LatencySlo slo) {
        TrialRun capacity = measure(base, "capacity");
        if (capacity == null || !capacity.measurement().clean()) {
            stop(capacity == null ? stopReason : "the starting settings failed: " + failure(capacity));
            return;
        }
        double[] bounds = bisect(base, 0, capacity.measurement().recordsPerSecond());
        double probe = bounds[1];
        if (stopped()) return;
        TrialSettings current = base.withRate(probe);
        if (ensureMeasured(current, "rate") == null) return; // the incumbent of the descent needs a measurement
        for (int round = 1; round <= MAX_ROUNDS && !stopped(); round++) {
            TrialSettings before = current;
            for (Knob knob : space.knobs()) {
                if (stopped()) break;
                current = knob.ordered()
                        ? climb(current, knob, this::latencyBetter)
                        : tryEach(current, knob, this::latencyBetter);
            }
            if (current.equals(before)) break;
        }
        if (current.unpaced().equals(base) || stopped()) return;
        // The winner at the probe rate: its own highest rate lies above the probe if it met the limit there.
        boolean metAtProbe =
                latest(current).map(r -> Boolean.TRUE.equals(r.meetsSlo())).orElse(false);
        TrialRun own = measure(current.unpaced(), "capacity");
        if (own == null || !own.measurement().clean()) return;
        double ownCapacity = own.measurement().recordsPerSecond();
        if (metAtProbe && ownCapacity > probe) bisect(current.unpaced(), probe, ownCapacity);
        else if (!metAtProbe) bisect(current.unpaced(), 0, Math.min(probe, ownCapacity));
    }

    /**
     * Bisects the rate between {@code passing} (known to meet the SLO, or 0) and {@code failing} (known or assumed to
     * miss it, such as the capacity). Returns the final {passing, failing} pair.
     */
    private double[] bisect(TrialSettings settings, double passing, double failing) {
        double lo = passing;
        double hi = failing;
        for (int i = 0; i < MAX_BISECTIONS && !stopped(); i++) {
            if (lo > 0 && (hi - lo) / hi <= RATE_PRECISION) break;
            double rate = Math.floor(lo == 0 && i == 0 ? hi * FIRST_PROBE : (lo + hi) / 2);
            if (rate < 1) break;
            TrialRun r = measure(settings.withRate(rate), "rate");
            if (r == null) break;
            if (Boolean.TRUE.equals(r.meetsSlo())) lo = rate;
            else hi = rate;
        }
        return new double[] {lo, hi};
    }

    /** Meeting the SLO beats missing it; then a lower p99 by more than the noise; then a higher achieved rate. */
    private boolean latencyBetter(TrialSettings candidate, TrialSettings incumbent) {
        Optional<TrialRun> c = latest(candidate);
        Optional<TrialRun> i = latest(incumbent);
        if (c.isEmpty() || !c.get().measurement().clean()) return false;
        if (i.isEmpty() || !i.get().measurement().clean()) return true;
        boolean cMeets = Boolean.TRUE.equals(c.get().meetsSlo());
        boolean iMeets = Boolean.TRUE.equals(i.get().meetsSlo());
        if (cMeets != iMeets) return cMeets;
        double cp = c.get().measurement().p99Millis();
        double ip = i.get().measurement().p99Millis();
        if (c.get().keptUp() != i.get().keptUp()) return c.get().keptUp();
        return cp < ip * (1 - MIN_GAIN);
    }

    // --- moves shared by both objectives

    private interface Better {
        boolean test(TrialSettings candidate, TrialSettings incumbent);
    }

    /** Up from the current value while each step wins; if the first step up did not, down the same way. */
    private TrialSettings climb(TrialSettings current, Knob knob, Better better) {
        List<String> values = space.values(knob);
        int at = values.indexOf(current.value(knob));
        if (at < 0) return current;
        TrialSettings up = climbFrom(current, knob, values, at, +1, better);
        return up.equals(current) ? climbFrom(current, knob, values, at, -1, better) : up;
    }

    private TrialSettings climbFrom(
            TrialSettings current, Knob knob, List<String> values, int at, int step, Better better) {
        TrialSettings best = current;
        for (int i = at + step; i >= 0 && i < values.size() && !stopped(); i += step) {
            TrialSettings candidate = best.with(knob, values.get(i));
            if (!candidate.valid()) continue; // e.g. more producers than threads: the next value may be valid again
            if (ensureMeasured(candidate, "knob " + knob.option()) == null) break;
            if (!better.test(candidate, best)) break;
            best = candidate;
        }
        return best;
    }

    private TrialSettings tryEach(TrialSettings current, Knob knob, Better better) {
        TrialSettings best = current;
        for (String value : space.values(knob)) {
            if (stopped()) break;
            TrialSettings candidate = current.with(knob, value);
            if (candidate.equals(current) || !candidate.valid()) continue;
            if (ensureMeasured(candidate, "knob " + knob.option()) == null) break;
            if (better.test(candidate, best)) best = candidate;
        }
        return best;
    }

    /** The settings' latest trial, running one if they were never measured. Null if out of budget. */
    private TrialRun ensureMeasured(TrialSettings settings, String phase) {
        Optional<TrialRun> known = latest(settings);
        return known.isPresent() ? known.get() : measure(settings, phase);
    }

    /** Runs a trial if the budget has room for it; null (and the search stops) if not. */
    private TrialRun measure(TrialSettings settings, String phase) {
        if (stopped()) return null;
        long elapsed = nanoClock.getAsLong() - startNanos;
        long estimate = Math.max(nominalTrialNanos, longestTrialNanos);
        if (elapsed + estimate * (1 + reservedTrials) > budgetNanos) {
            stop(BUDGET + ": the next trial (about " + Math.round(estimate / 1e9) + " s) would not fit"
                    + (reservedTrials > 0 ? " with the winner's confirmation" : ""));
            return null;
        }
        if (runs.size() >= MAX_TRIALS) {
            stop("trial limit (" + MAX_TRIALS + ") reached");
            return null;
        }
        int number = runs.size() + 1;
        listener.started(number, phase, settings);
        long t0 = nanoClock.getAsLong();
        Measurement m;
        try {
            m = trial.run(settings);
        } catch (RuntimeException e) {
            if (runs.isEmpty()) throw e; // the starting settings are the user's: a bad one is bad input
            m = Measurement.failed(e.getMessage());
        }
        long took = nanoClock.getAsLong() - t0;
        longestTrialNanos = Math.max(longestTrialNanos, took);
        TrialRun run = TrialRun.of(number, phase, settings, m, took / 1e9, objective);
        runs.add(run);
        bySettings.computeIfAbsent(settings, k -> new ArrayList<>()).add(run);
        listener.finished(run);
        return run;
    }

    private Optional<TrialRun> latest(TrialSettings settings) {
        List<TrialRun> r = bySettings.get(settings);
        return r == null || r.isEmpty() ? Optional.empty() : Optional.of(r.get(r.size() - 1));
    }

    /** Mean records/s of the clean trials of these settings; a setting whose trial failed scores 0. */
    private double meanThroughput(TrialSettings settings) {
        return TuneResult.mean(bySettings.getOrDefault(settings, List.of()));
    }

    private TuneResult.Best best() {
        if (objective instanceof Objective.LatencySlo) {
            return runs.stream()
                    .filter(r -> Boolean.TRUE.equals(r.meetsSlo()))
                    .max(Comparator.comparingDouble((TrialRun r) -> r.settings().rate())
                            .thenComparing(r -> -r.measurement().p99Millis()))
                    .map(r -> new TuneResult.Best(r.settings(), List.of(r)))
                    .orElse(null);
        }
        // The settled settings, not the single fastest trial: a maximum over noisy trials favours a lucky one, while
        // the settled settings won by more than the noise and were measured again.
        if (settled == null || meanThroughput(settled) <= 0) return null;
        return new TuneResult.Best(settled, List.copyOf(bySettings.get(settled)));
    }

    private boolean stopped() {
        if (stopRequested && stopReason == null) stopReason = "interrupted";
        return stopReason != null;
    }

    private void stop(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    private static String failure(TrialRun r) {
        Measurement m = r.measurement();
        if (!m.ok()) return m.failure();
        return m.errors() > 0 ? m.errors() + " records failed" : "nothing was acknowledged";
    }
}
