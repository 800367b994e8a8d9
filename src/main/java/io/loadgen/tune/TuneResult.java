package io.loadgen.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a tune: every trial in order, the best settings (null when no trial succeeded), why it stopped.
 *
 * @param elapsedSeconds wall time of the search
 * @param budgetSeconds  the budget it was given
 * @param check          how to rerun the winner so its figure compares with the trials' (null: not said)
 */
public record TuneResult(
        Objective objective,
        SearchSpace space,
        List<TrialRun> trials,
        Best best,
        String stopReason,
        double elapsedSeconds,
        double budgetSeconds,
        RerunCheck check) {

    /**
     * The winning settings and every trial that ran them (the search's and the confirmation). Figures are the means
     * over those trials, which is what a rerun should expect.
     */
    public record Best(TrialSettings settings, List<TrialRun> runs) {

        public double recordsPerSecond() {
            return mean(runs);
        }

        public double mibPerSecond() {
            return runs.stream()
                    .filter(r -> r.measurement().clean())
                    .mapToDouble(r -> r.measurement().mibPerSecond())
                    .average()
                    .orElse(0);
        }

        public double p99Millis() {
            return runs.stream()
                    .filter(r -> r.measurement().clean())
                    .mapToDouble(r -> r.measurement().p99Millis())
                    .average()
                    .orElse(Double.NaN);
        }

        /** The latest trial of these settings: its producer metrics give the verdict. */
        public TrialRun last() {
            return runs.get(runs.size() - 1);
        }

        public Bottleneck bottleneck() {
            return last().bottleneck();
        }
    }

    public boolean succeeded() {
        return best != null;
    }

    public TrialRun baseline() {
        return trials.isEmpty() ? null : trials.get(0);
    }

    /**
     * The trials no other trial beats on both throughput and p99 latency: the trade-off a user chooses along,
     * fastest first. Only clean trials count; settings that ran twice appear once (their first trial).
     */
    public List<TrialRun> frontier() {
        List<TrialRun> clean = comparable();
        List<TrialRun> front = new ArrayList<>();
        java.util.Set<TrialSettings> seen = new java.util.HashSet<>();
        for (TrialRun r : clean) {
            boolean dominated = clean.stream().anyMatch(o -> o != r && dominates(o.measurement(), r.measurement()));
            if (!dominated && seen.add(r.settings())) front.add(r);
        }
        front.sort(Comparator.comparingDouble((TrialRun r) -> -r.measurement().recordsPerSecond()));
        return front;
    }

    /**
     * The clean trials whose latencies compare: under a latency SLO only the paced ones (p99 from the intended send
     * time), else all (send→ack, unpaced). The frontier and the chart use these.
     */
    public List<TrialRun> comparable() {
        boolean slo = objective instanceof Objective.LatencySlo;
        return trials.stream()
                .filter(r -> r.measurement().clean() && r.measurement().p99Millis() > 0)
                .filter(r -> !slo || r.settings().paced())
                .toList();
    }

    /**
     * The same result as the command reports it: timed from the command's start (its JVM warm-up included), against
     * the budget the user gave, with the rerun that checks the winner.
     */
    public TuneResult reported(double elapsed, double budget, RerunCheck rerun) {
        return new TuneResult(objective, space, trials, best, stopReason, elapsed, budget, rerun);
    }

    private static boolean dominates(Measurement a, Measurement b) {
        boolean noWorse = a.recordsPerSecond() >= b.recordsPerSecond() && a.p99Millis() <= b.p99Millis();
        boolean better = a.recordsPerSecond() > b.recordsPerSecond() || a.p99Millis() < b.p99Millis();
        return noWorse && better;
    }

    /** Mean records/s over the runs; a failed or unclean run counts as 0, so a flaky setting cannot win. */
    static double mean(List<TrialRun> runs) {
        if (runs.isEmpty()) return 0;
        return runs.stream()
                .mapToDouble(r -> r.measurement().clean() ? r.measurement().recordsPerSecond() : 0)
                .average()
                .orElse(0);
    }
}
