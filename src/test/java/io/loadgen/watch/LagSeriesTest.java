package io.loadgen.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The verdict's arithmetic: a sawtooth from commits is bounded, a consumer slower than the producer is not. */
class LagSeriesTest {

    private static final double RATE = 2_000;

    @Test
    void aSawtoothFromCommitsEveryFewSecondsIsBounded() {
        LagSeries s = new LagSeries();
        // Commits every 5 s: the lag climbs to 4 s of records, then falls back to 0; 29 s at one reading a second,
        // the last send at the top of a tooth.
        for (int t = 0; t <= 29; t++) {
            s.add(new LagSeries.Point(t, (long) (RATE * (t % 5)), t % 5, (long) (RATE * t), 0));
        }

        assertThat(s.behind(29)).isNull();
    }

    @Test
    void aConsumerAtAQuarterOfTheRateFallsBehindFromWhereItsLagStartsToGrow() {
        LagSeries s = new LagSeries();
        for (int t = 0; t <= 30; t++) {
            long produced = (long) (RATE * t);
            // Keeps up (lag about 100) for 10 s, then consumes 500/s.
            long consumed = t <= 10 ? produced - 100 : (long) (RATE * 10 - 100 + 500 * (t - 10));
            // its oldest record ages by 1 - 500/2000 = 0.75 s every second once it falls behind
            double age = t <= 10 ? 0.05 : 0.05 + 0.75 * (t - 10);
            s.add(new LagSeries.Point(t, Math.max(0, produced - consumed), age, produced, consumed));
        }

        LagSeries.Behind behind = s.behind(30);

        assertThat(behind).isNotNull();
        assertThat(behind.fromSeconds()).isCloseTo(10, within(1.5));
        assertThat(behind.producedPerSecond()).isCloseTo(RATE, within(100.0));
        assertThat(behind.consumedPerSecond()).isCloseTo(500, within(150.0));
        assertThat(behind.lagSlope()).isCloseTo(0.75, within(0.1));
    }

    @Test
    void aLagThatGrowsOnlyALittleIsNoise() {
        LagSeries s = new LagSeries();
        // Its oldest record ages by 1% of the time: within what scheduling makes a lag jitter.
        for (int t = 0; t <= 30; t++)
            s.add(new LagSeries.Point(t, 100 + 20L * t, 0.1 + 0.01 * t, (long) (RATE * t), 0));

        assertThat(s.behind(30)).isNull();
    }

    /**
     * A ramp from 1,000 to 20,000 records/s with commits every 5 s: the lag in records rises with the rate, the age
     * of the oldest record does not.
     */
    @Test
    void aLagThatGrowsOnlyBecauseTheRateDoesIsBounded() {
        LagSeries s = new LagSeries();
        long produced = 0;
        for (int t = 0; t <= 40; t++) {
            double rate = 1_000 + 19_000 * t / 40.0;
            produced += (long) rate;
            s.add(new LagSeries.Point(t, (long) (rate * (t % 5)), t % 5, produced, 0));
        }

        assertThat(s.behind(40)).isNull();
    }

    @Test
    void aDayOfReadingsStaysBounded() {
        LagSeries s = new LagSeries();
        for (int t = 0; t < 86_400; t++) s.add(new LagSeries.Point(t, 0, 0, t, t));

        assertThat(s.points()).hasSizeLessThanOrEqualTo(LagSeries.MAX_POINTS);
        assertThat(s.points().get(0).seconds()).isZero();
        assertThat(s.points().get(s.points().size() - 1).seconds()).isEqualTo(86_399);
    }

    /** Issue 19: the readings a group's report keeps for its chart are bounded, and keep the first and the last. */
    @Test
    void aChartKeepsEveryReadingOfAShortRunAndAtMostItsLimitOfALongOne() {
        java.util.List<LagSeries.Point> few = new java.util.ArrayList<>();
        for (int t = 0; t < 10; t++) few.add(new LagSeries.Point(t, t, t / 10.0, t * 10L, t * 9L));
        assertThat(GroupTrack.thinned(few))
                .hasSize(10)
                .element(9)
                .isEqualTo(new GroupReport.LagPoint(9, 9, 0.9, 90, 81));

        java.util.List<LagSeries.Point> day = new java.util.ArrayList<>();
        for (int t = 0; t < LagSeries.MAX_POINTS; t++) day.add(new LagSeries.Point(t, t, 0, t, t));
        java.util.List<GroupReport.LagPoint> kept = GroupTrack.thinned(day);
        assertThat(kept.size()).isBetween(GroupReport.MAX_SERIES_POINTS / 2, GroupReport.MAX_SERIES_POINTS);
        assertThat(kept.get(0).seconds()).isZero();
        assertThat(kept.get(kept.size() - 1).seconds()).isEqualTo(LagSeries.MAX_POINTS - 1);
        for (int n = 1; n < 3_000; n += 37) {
            java.util.List<LagSeries.Point> points = day.subList(0, n);
            assertThat(GroupTrack.thinned(points).size())
                    .as("%d readings", n)
                    .isLessThanOrEqualTo(GroupReport.MAX_SERIES_POINTS);
        }
    }
}
