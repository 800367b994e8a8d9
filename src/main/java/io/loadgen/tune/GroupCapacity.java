package io.loadgen.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code loadgen tune --target group:NAME}: the highest rate a consumer group downstream keeps up with. Trials of a
 * fixed length at one rate each, on the real topic (the group reads it): the rate doubles from the start until the
 * group falls behind, then the rate is bisected between the highest it kept up with and the lowest it did not, until
 * the two are within {@link #PRECISION} of each other, the budget is spent, or a stop is asked for.
 */
public final class GroupCapacity {

    /** Bisection stops when the rates that passed and failed are this close, relative to the failing one. */
    static final double PRECISION = 0.10;

    /**
     * One trial's evidence.
     *
     * @param rate              the target records/s
     * @param produced          records/s written to the topic during the trial
     * @param consumed          records/s the group consumed during the trial
     * @param lagSlope          how fast the lag grew, records/s (0 when it stayed bounded)
     * @param keptUp            the lag stayed bounded and drained within the bound
     * @param why               the verdict in words: drained in how long, or from when it fell behind
     */
    public record Trial(double rate, double produced, double consumed, double lagSlope, boolean keptUp, String why) {}

    /** Runs one trial at a rate; null when the trial could not run (the reason goes to the user elsewhere). */
    public interface Runner {
        Trial run(double rate);
    }

    /**
     * @param capacity the highest rate kept up with, or 0 when none was
     * @param lowestFailing the lowest rate the group fell behind at, or 0 when it never did (the capacity is higher)
     */
    public record Result(double capacity, double lowestFailing, List<Trial> trials, String stopReason) {}

    private final Runner runner;
    private final LongSupplier nanoClock;
    private final BooleanSupplier stop;

    public GroupCapacity(Runner runner, LongSupplier nanoClock, BooleanSupplier stop) {
        this.runner = runner;
        this.nanoClock = nanoClock;
        this.stop = stop;
    }

    /**
     * @param startRate  the first trial's rate
     * @param budgetNanos the time every trial together may take
     * @param trialNanos  what one trial takes, drain included: no trial starts that would not fit
     */
    public Result search(double startRate, long budgetNanos, long trialNanos) {
        long deadline = nanoClock.getAsLong() + budgetNanos;
        List<Trial> trials = new ArrayList<>();
        double passing = 0;
        double failing = 0;
        double rate = startRate;
        String reason;
        while (true) {
            if (stop.getAsBoolean()) {
                reason = "stopped";
                break;
            }
            if (nanoClock.getAsLong() + trialNanos > deadline) {
                reason = "budget spent";
                break;
            }
            Trial t = runner.run(rate);
            if (t == null) {
                reason = "a trial could not run";
                break;
            }
            trials.add(t);
            if (t.keptUp()) passing = Math.max(passing, rate);
            else failing = failing == 0 ? rate : Math.min(failing, rate);
            if (failing == 0) {
                rate = rate * 2;
            } else if (passing == 0 && failing <= 1) {
                reason = "the group fell behind at every rate tried";
                break;
            } else if ((failing - passing) / failing <= PRECISION) {
                reason = "passing and failing rates within " + Math.round(PRECISION * 100) + "%";
                break;
            } else {
                rate = Math.floor((passing + failing) / 2);
                if (rate < 1) {
                    reason = "the group fell behind at every rate tried";
                    break;
                }
            }
        }
        return new Result(passing, failing, List.copyOf(trials), reason);
    }
}
