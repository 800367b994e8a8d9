package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.RateShape;
import io.loadgen.spec.RateShape.Steps.Step;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Load shapes stay open-loop: record i's due time is the inverse of the rate curve's integral at i, exact to the
 * nanosecond, whatever the sending did. Fake clock and parker throughout.
 */
@Timeout(10)
class LoadShapePacerTest {

    private static final long START = 7_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private long now = START;
    private final List<Long> parks = new ArrayList<>();
    private final StopSignal stop = new StopSignal();
    private final Pacer.Parker parker = nanos -> {
        parks.add(nanos);
        now += nanos;
    };

    /** 0 → 1000/s over 10 s: N(t) = 50·t², so record i is due at sqrt(i/50) s; after the ramp, 1000/s. */
    @ParameterizedTest(name = "record {0} at {1} ms")
    @CsvSource({"0, 0", "50, 1000", "200, 2000", "1250, 5000", "5000, 10000", "5500, 10500", "6000, 11000"})
    void aRampFromZeroFollowsTheIntegral(long record, long dueMillis) {
        RateShape ramp = new RateShape.Ramp(0, 1_000, Duration.ofSeconds(10));

        assertThat(dueNanos(ramp, record)).isEqualTo(dueMillis * MS);
    }

    /** 1000 → 3000/s over 2 s: N(t) = 1000·t + 500·t², N(1 s) = 1500, N(2 s) = 4000; then 3000/s. */
    @ParameterizedTest(name = "record {0} at {1} ms")
    @CsvSource({"1500, 1000", "4000, 2000", "7000, 3000", "1000, 732.0508075688772"})
    void aRampUpBetweenTwoRates(long record, double dueMillis) {
        RateShape ramp = new RateShape.Ramp(1_000, 3_000, Duration.ofSeconds(2));

        assertThat(dueNanos(ramp, record)).isEqualTo(Math.round(dueMillis * MS));
    }

    @Test
    void aRampDownToZeroSchedulesNothingAfterItsEnd() {
        RateShape ramp = new RateShape.Ramp(2_000, 0, Duration.ofSeconds(2)); // N(t) = 2000·t − 500·t², N(2 s) = 2000

        assertThat(dueNanos(ramp, 1_500)).isEqualTo(S);
        assertThat(dueNanos(ramp, 2_000)).isEqualTo(2 * S);
        assertThat(new Pacer(ramp, 0, 1, START, () -> now, parker)).satisfies(p -> {
            for (int i = 0; i <= 2_000; i++) p.awaitNext(stop);
            assertThat(p.nextDue()).isEqualTo(Pacer.NEVER);
        });
    }

    /** 10/s for 1 s, a 1 s pause, 20/s for 1 s, then 20/s on. */
    @ParameterizedTest(name = "record {0} at {1} ms")
    @CsvSource({"0, 0", "1, 100", "9, 900", "10, 2000", "29, 2950", "30, 3000", "40, 3500"})
    void stepsHoldEachRateAndAPauseSendsNothing(long record, long dueMillis) {
        RateShape steps = new RateShape.Steps(List.of(
                new Step(10, Duration.ofSeconds(1)),
                new Step(0, Duration.ofSeconds(1)),
                new Step(20, Duration.ofSeconds(1))));

        assertThat(dueNanos(steps, record)).isEqualTo(dueMillis * MS);
    }

    @Test
    void threadsInterleaveOnOneScheduleAndTogetherFollowTheCurve() {
        RateShape ramp = new RateShape.Ramp(100, 5_000, Duration.ofSeconds(3));
        int threads = 3;
        TreeSet<Long> union = new TreeSet<>();
        for (int t = 0; t < threads; t++) {
            Pacer pacer =
                    new Pacer(ramp, t, threads, START, () -> Long.MAX_VALUE / 2, parker); // always behind: no parking
            for (int j = 0; j < 2_000; j++) union.add(pacer.awaitNext(stop) - START);
        }
        Pacer single = new Pacer(ramp, 0, 1, START, () -> Long.MAX_VALUE / 2, parker);
        List<Long> alone = new ArrayList<>();
        for (int g = 0; g < 6_000; g++) alone.add(single.awaitNext(stop) - START);

        assertThat(new ArrayList<>(union))
                .as("3 threads cover the same due times as one")
                .isEqualTo(alone);
        assertThat(parks).isEmpty();
    }

    @Test
    void twoThreadsAtAConstantRateAreStaggeredByOneInterval() {
        RateShape rate = new RateShape.Constant(1_000);
        Pacer first = new Pacer(rate, 0, 2, START, () -> now, parker);
        Pacer second = new Pacer(rate, 1, 2, START, () -> now, parker);

        assertThat(List.of(first.awaitNext(stop), first.awaitNext(stop), first.awaitNext(stop)))
                .containsExactly(START, START + 2 * MS, START + 4 * MS);
        now = START;
        assertThat(List.of(second.awaitNext(stop), second.awaitNext(stop))).containsExactly(START + MS, START + 3 * MS);
    }

    @Test
    void behindScheduleOnARampItSendsAtOnceAndKeepsTheDueTimes() {
        RateShape ramp = new RateShape.Ramp(0, 1_000, Duration.ofSeconds(10));
        Pacer pacer = new Pacer(ramp, 0, 1, START, () -> now, parker);
        now = START + 2 * S + 500 * MS; // a stall: records 0..200 (due up to 2 s) are overdue

        for (long i = 0; i <= 200; i++) assertThat(pacer.awaitNext(stop)).isEqualTo(START + dueNanos(ramp, i));
        assertThat(parks).as("open loop: no waiting while behind").isEmpty();

        long next = pacer.awaitNext(stop); // record 201, due at sqrt(201/50) s ≈ 2.005 s: already past
        assertThat(next).isEqualTo(START + dueNanos(ramp, 201));
        assertThat(parks).isEmpty();
    }

    @Test
    void theWaitThroughAPauseIsParkedInSlicesAndAStopEndsIt() {
        RateShape steps = new RateShape.Steps(List.of(
                new Step(1_000, Duration.ofMillis(1)),
                new Step(0, Duration.ofSeconds(1)),
                new Step(1_000, Duration.ofSeconds(1))));
        Pacer pacer = new Pacer(steps, 0, 1, START, () -> now, parker);
        pacer.awaitNext(stop); // record 0 at 0: the only one of the first step

        assertThat(pacer.awaitNext(stop)).isEqualTo(START + 1_001 * MS);
        assertThat(parks).hasSize(21).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Pacer.MAX_PARK_NANOS));

        RateShape pauseForever =
                new RateShape.Steps(List.of(new Step(1_000, Duration.ofMillis(1)), new Step(0, Duration.ofSeconds(1))));
        Pacer idle = new Pacer(
                pauseForever, 0, 1, START, () -> now, nanos -> stop.stop(StopSignal.Reason.DURATION_REACHED, now));
        idle.awaitNext(stop);
        assertThat(idle.awaitNext(stop))
                .as("nothing more is ever due; the stop ends the wait")
                .isEqualTo(-1);
    }

    @Test
    void theProgressLineShowsTheTargetOfTheMoment() {
        RateShape ramp = new RateShape.Ramp(1_000, 3_000, Duration.ofSeconds(10));
        List<Progress> ticks = new ArrayList<>();
        ProgressTicker ticker = new ProgressTicker(
                new RunStats(),
                null,
                new RunListener() {
                    @Override
                    public void onProgress(Progress p) {
                        ticks.add(p);
                    }
                },
                () -> now,
                START,
                ramp);

        now = START + 5 * S;
        ticker.tick();
        now = START + 20 * S;
        ticker.tick();

        assertThat(ticks).extracting(Progress::targetRate).containsExactly(2_000.0, 3_000.0);
    }

    private static long dueNanos(RateShape shape, long record) {
        return Math.round(shape.dueSeconds(record) * 1e9);
    }
}
