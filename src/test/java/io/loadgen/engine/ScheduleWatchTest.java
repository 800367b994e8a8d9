package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.RateShape;
import io.loadgen.spec.Workload;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import org.junit.jupiter.api.Test;

/** The schedule watch on a fake clock: what a broker outage leaves behind is counted, a healthy run shows nothing. */
class ScheduleWatchTest {

    private static final long MS = 1_000_000L;
    private static final long START = 1_000_000 * MS;
    private static final long START_EPOCH_MILLIS = 1_700_000_000_000L;

    private final RunStats stats = new RunStats();
    private final StopSignal stop = new StopSignal();
    private long now = START;

    private ScheduleWatch watch(RateShape rate, long messages) {
        return new ScheduleWatch(stats, rate, messages, START, START_EPOCH_MILLIS, () -> now, stop);
    }

    /** Advances the clock in ticks, handing over (and acknowledging) records to keep up with {@code perSecond}. */
    private void sendFor(ScheduleWatch w, long millis, double perSecond, boolean ack) {
        for (long t = 0; t < millis; t += 100) {
            now += 100 * MS;
            long due = (long)
                    Math.ceil((now - START) / 1e9 * perSecond); // records due before now, as the pacer sends them
            while (stats.attemptedCount() < due) {
                stats.attempted();
                if (ack) stats.sent(100, true, 1_000, 1_000);
            }
            w.tick();
        }
    }

    private void idleFor(ScheduleWatch w, long millis) {
        for (long t = 0; t < millis; t += 100) {
            now += 100 * MS;
            w.tick();
        }
    }

    @Test
    void aPacedRunOnScheduleHasNoShortfall() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), Workload.UNLIMITED);
        sendFor(w, 10_000, 1_000, true);
        w.sendingStopped(now);

        Shortfall f = w.finish(now, 0);

        assertThat(f).isEqualTo(Shortfall.NONE);
        assertThat(f.incomplete()).isFalse();
    }

    /**
     * A duration run's schedule ends with the duration: the senders handed over everything due before its end, and
     * the stop came later (the ticker ran late, or the senders' moment of grace): nothing counts as due but not sent,
     * and no tick after the end sees records falling behind.
     */
    @Test
    void nothingIsDueAfterTheDurationsEnd() {
        long end = START + 3_000 * MS;
        ScheduleWatch w = new ScheduleWatch(
                stats,
                new RateShape.Constant(1_000),
                Workload.UNLIMITED,
                START,
                end,
                START_EPOCH_MILLIS,
                () -> now,
                stop);
        sendFor(w, 3_000, 1_000, true);
        assertThat(stats.attemptedCount()).isEqualTo(3_000);
        idleFor(w, 300); // the stop comes 0.3 s after the end

        assertThat(w.behind(now)).as("nothing due after the end").isZero();
        stop.stop(StopSignal.Reason.DURATION_REACHED, end);
        Shortfall f = w.finish(now, 0);

        assertThat(f.notSent()).isZero();
        assertThat(f).isEqualTo(Shortfall.NONE);
    }

    @Test
    void anOutageUntilTheEndCountsTheRecordsNeverSentAndTheStall() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), Workload.UNLIMITED);
        sendFor(w, 5_000, 1_000, true);
        long handedBefore = stats.attemptedCount();
        stats.attempted(); // the send() that blocks: handed, never answered
        idleFor(w, 15_000);

        assertThat(w.sendingStalledFor(now)).as("stalled now, for about 15 s").isBetween(14_800 * MS, 15_000 * MS);
        assertThat(w.behind(now)).isEqualTo(20_000 - handedBefore - 1);
        w.sendingStopped(now);
        Shortfall f = w.finish(now + 2_000 * MS, stats.inFlight());

        assertThat(f.notSent())
                .as("due in 20 s at 1,000/s, minus those handed over")
                .isEqualTo(20_000 - handedBefore - 1);
        assertThat(f.behindMillis()).isBetween(14_900L, 15_000L);
        assertThat(f.unconfirmed()).isEqualTo(1);
        assertThat(f.incomplete()).isTrue();
        assertThat(f.sending().count()).isEqualTo(1);
        assertThat(f.sending().longestMillis()).isBetween(14_800L, 15_000L);
        assertThat(f.sending().longestStartEpochMillis())
                .isBetween(START_EPOCH_MILLIS + 5_000, START_EPOCH_MILLIS + 5_200);
        assertThat(f.acks().count())
                .as("the blocked record was in flight and never answered")
                .isEqualTo(1);
    }

    @Test
    void anOutageThatRecoversIsAStallButNotAShortfallOnceCaughtUp() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), Workload.UNLIMITED);
        sendFor(w, 3_000, 1_000, true);
        idleFor(w, 4_000);
        sendFor(w, 3_000, 1_000, true); // catches up at once: everything due is handed over on the next tick
        w.sendingStopped(now);

        Shortfall f = w.finish(now, 0);

        assertThat(f.notSent()).isZero();
        assertThat(f.incomplete()).isFalse();
        assertThat(f.sending().count()).isEqualTo(1);
        assertThat(f.sending().longestMillis()).isBetween(3_900L, 4_100L);
    }

    @Test
    void aSlowLowRateIsNotAStall() {
        ScheduleWatch w = watch(new RateShape.Constant(0.5), Workload.UNLIMITED);
        sendFor(w, 20_000, 0.5, true);
        w.sendingStopped(now);

        Shortfall f = w.finish(now, 0);

        assertThat(f.sending()).isEqualTo(Stalls.NONE);
        assertThat(f.acks()).isEqualTo(Stalls.NONE);
    }

    @Test
    void anUnpacedRunStallsWhenNothingIsHandedOverForASecond() {
        ScheduleWatch w = watch(null, 1_000_000);
        sendFor(w, 2_000, 50_000, true);
        idleFor(w, 1_500);
        sendFor(w, 1_000, 50_000, true);
        w.sendingStopped(now);

        Shortfall f = w.finish(now, 0);

        assertThat(f.notSent()).as("no schedule, nothing is due").isZero();
        assertThat(f.sending().count()).isEqualTo(1);
        assertThat(f.sending().totalMillis()).isBetween(1_400L, 1_600L);
    }

    @Test
    void aRunThatSentItsCountIsNotBehind() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), 3_000);
        sendFor(w, 3_000, 1_000, true);
        idleFor(w, 5_000); // nothing more to send: the count is reached, nothing is due
        w.sendingStopped(now);

        Shortfall f = w.finish(now, 0);

        assertThat(f.notSent()).isZero();
        assertThat(f.sending()).isEqualTo(Stalls.NONE);
    }

    @Test
    void acknowledgementsThatStopWhileRecordsAreInFlightAreAStall() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), Workload.UNLIMITED);
        sendFor(w, 2_000, 1_000, true);
        sendFor(w, 3_000, 1_000, false); // handed over on schedule, never acknowledged
        w.sendingStopped(now);

        Shortfall f = w.finish(now, stats.inFlight());

        assertThat(f.sending()).isEqualTo(Stalls.NONE);
        assertThat(f.acks().count()).isEqualTo(1);
        assertThat(f.acks().longestMillis()).isBetween(2_800L, 3_000L);
        assertThat(f.unconfirmed()).isEqualTo(3_000);
    }

    @Test
    void onceSendingIsToStopNothingMoreIsDueEvenWhileASenderIsStuckInSend() {
        ScheduleWatch w = watch(new RateShape.Constant(1_000), Workload.UNLIMITED);
        sendFor(w, 2_000, 1_000, true);
        stats.attempted(); // blocked in send() from here on
        idleFor(w, 3_000);
        stop.stop(StopSignal.Reason.DURATION_REACHED, now); // the duration ends at 5 s; the sender is still stuck
        long stoppedAt = now;
        idleFor(w, 4_000);

        assertThat(w.sendingStalledFor(now))
                .as("sending is over, so it is not stalled any more")
                .isZero();
        assertThat(w.behind(now)).as("frozen at the stop").isEqualTo(5_000 - 2_001);
        w.sendingStopped(stoppedAt); // as the engine says once the stuck sender is given up on
        Shortfall f = w.finish(now, 1);
        assertThat(f.notSent()).isEqualTo(5_000 - 2_001);
        assertThat(f.sending().longestMillis())
                .as("the stall ends with sending")
                .isBetween(2_800L, 3_000L);
        assertThat(f.acks().longestMillis())
                .as("acknowledgements were awaited until the end")
                .isBetween(6_800L, 7_000L);
    }
}
