package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.RateShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Open-loop pacing from a schedule (architecture convention 4), with a fake clock and a fake parker. */
@Timeout(10)
class PacerTest {

    private static final long START = 1_000_000_000L;

    /** A clock that only moves when the pacer parks, by exactly the time parked; records each park. */
    private static final class FakeTime implements Pacer.Parker {
        long now;
        final List<Long> parks = new ArrayList<>();
        Runnable onPark = () -> {};

        FakeTime(long now) {
            this.now = now;
        }

        @Override
        public void parkNanos(long nanos) {
            parks.add(nanos);
            now += nanos;
            onPark.run();
        }
    }

    private final FakeTime time = new FakeTime(START);
    private final StopSignal stop = new StopSignal();

    /** A lone thread at a constant rate on the fake clock: its record {@code i} is due at {@code START + i / rate}. */
    private Pacer lone(double ratePerSecond) {
        return new Pacer(new RateShape.Constant(ratePerSecond), 0, 1, START, () -> time.now, time);
    }

    @Test
    void recordIIsDueAtStartPlusIOverRate() {
        Pacer pacer = lone(1_000);

        for (int i = 0; i < 100; i++) {
            assertThat(pacer.awaitNext(stop)).isEqualTo(START + i * 1_000_000L);
            assertThat(time.now).as("it waited until the record was due").isEqualTo(START + i * 1_000_000L);
        }
    }

    @Test
    void aDurationsEndHandsOutNothingDueFromThenOn() {
        Pacer pacer = new Pacer(new RateShape.Constant(1_000), 0, 1, START, START + 10_000_000L, () -> time.now, time);

        for (int i = 0; i < 10; i++) assertThat(pacer.awaitNext(stop)).isEqualTo(START + i * 1_000_000L);
        assertThat(pacer.awaitNext(stop))
                .as("record 10 falls due at the end itself: not the run's")
                .isEqualTo(-1);
        assertThat(time.now).as("and it was not waited for").isEqualTo(START + 9_000_000L);
    }

    @Test
    void aLateSenderStillGetsWhatFellDueBeforeTheEnd() {
        time.now = START + 50_000_000L; // far behind: the end passed 40 ms ago
        Pacer pacer = new Pacer(new RateShape.Constant(1_000), 0, 1, START, START + 10_000_000L, () -> time.now, time);

        int handed = 0;
        while (pacer.awaitNext(stop) >= 0) handed++;

        assertThat(handed).isEqualTo(10);
        assertThat(time.parks).isEmpty();
    }

    @Test
    void fractionalIntervalsDoNotDrift() {
        Pacer pacer = lone(3);

        long due = 0;
        for (int i = 0; i <= 300; i++) due = pacer.awaitNext(stop);

        // record 300 at 3/s is due exactly 100 s after the start, not 300 rounded intervals later
        assertThat(due - START).isBetween(100_000_000_000L - 1, 100_000_000_000L);
    }

    @Test
    void behindScheduleItSendsAtOnceKeepingTheScheduledDueTimes() {
        Pacer pacer = lone(1_000);
        time.now = START + 10_500_000; // 10.5 ms late: records 0..10 are overdue

        for (int i = 0; i <= 10; i++) assertThat(pacer.awaitNext(stop)).isEqualTo(START + i * 1_000_000L);
        assertThat(time.parks).as("open loop: no waiting while behind").isEmpty();

        assertThat(pacer.awaitNext(stop)).isEqualTo(START + 11_000_000L);
        assertThat(time.parks).containsExactly(500_000L);
    }

    @Test
    void longWaitsAreParkedInSlicesSoAStopIsNoticed() {
        Pacer pacer = lone(1);
        pacer.awaitNext(stop);

        assertThat(pacer.awaitNext(stop)).isEqualTo(START + 1_000_000_000L);
        assertThat(time.parks).hasSize(20).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Pacer.MAX_PARK_NANOS));
    }

    @Test
    void aStopWhileWaitingReturnsMinusOne() {
        Pacer pacer = lone(1);
        pacer.awaitNext(stop);
        time.onPark = () -> stop.stop(StopSignal.Reason.INTERRUPTED, time.now);

        assertThat(pacer.awaitNext(stop)).isEqualTo(-1);
        assertThat(time.parks).hasSize(1);
    }

    @Test
    void anEarlierStopIsNoticedBeforeWaiting() {
        Pacer pacer = lone(10);
        pacer.awaitNext(stop);
        stop.stop(StopSignal.Reason.DURATION_REACHED, time.now);

        assertThat(pacer.awaitNext(stop)).isEqualTo(-1);
        assertThat(time.parks).isEmpty();
    }
}
