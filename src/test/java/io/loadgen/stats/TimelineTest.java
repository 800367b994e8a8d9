package io.loadgen.stats;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 19: the figures of each report interval, bounded for a day-long run, and a fleet's aligned in time. */
@Timeout(30)
class TimelineTest {

    private static final long START = 1_764_650_000_000L;
    private static final long NOT_PACED = -1;

    private final RunStats stats = new RunStats();
    private long elapsedMillis;
    private long sentBefore;

    @Test
    void eachTickIsOneIntervalWithItsOwnCountsErrorsTargetAndPercentiles() {
        Timeline.Builder builder = new Timeline.Builder(0, START, 1_000);
        send(100, 2_000, 3_000); // 100 records acknowledged after 2 ms, 3 ms after their intended time
        fail(new IllegalStateException(), 2);
        builder.add(tick(1_000), 1_000);
        send(50, 40_000, 45_000);
        fail(new IllegalStateException(), 1);
        fail(new IllegalArgumentException(), 4);
        builder.add(tick(1_000), 1_000);
        builder.add(tick(300), 0); // the last, shorter interval, and not paced

        Timeline t = builder.build();

        assertThat(t.shard()).isZero();
        assertThat(t.intervalMillis()).isEqualTo(1_000);
        assertThat(t.intervals()).hasSize(3);
        Timeline.Interval first = t.intervals().get(0),
                second = t.intervals().get(1),
                last = t.intervals().get(2);
        assertThat(first.startEpochMillis()).isEqualTo(START);
        assertThat(first.endEpochMillis()).isEqualTo(START + 1_000);
        assertThat(second.startEpochMillis()).isEqualTo(first.endEpochMillis());
        assertThat(last.endEpochMillis()).isEqualTo(START + 2_300);
        assertThat(first.sent()).isEqualTo(100);
        assertThat(first.recordsPerSecond()).isEqualTo(100.0);
        assertThat(second.sent()).isEqualTo(50);
        assertThat(first.failed()).isEqualTo(2);
        assertThat(second.failed()).isEqualTo(5);
        assertThat(first.errors()).containsExactly(entry("IllegalStateException", 2L));
        assertThat(second.errors())
                .as("only this interval's errors")
                .containsOnly(entry("IllegalStateException", 1L), entry("IllegalArgumentException", 4L));
        assertThat(last.errors()).isEmpty();
        assertThat(first.targetRate()).isEqualTo(1_000.0);
        assertThat(last.targetRate()).isNull();
        assertThat(first.sendToAck().count()).isEqualTo(100);
        assertThat(first.sendToAck().p99()).isBetween(1_999L, 2_001L);
        assertThat(second.sendToAck().p50()).isBetween(39_900L, 40_100L);
        assertThat(second.intended().max()).isBetween(44_900L, 45_100L);
        assertThat(last.sendToAck().isEmpty()).isTrue();
        assertThat(t.intervals().stream().mapToLong(Timeline.Interval::sent).sum())
                .isEqualTo(stats.sent());
    }

    @Test
    void aLastIntervalShorterThanHalfATickJoinsTheOneBeforeIt() {
        Timeline.Builder builder = new Timeline.Builder(0, START, 1_000);
        send(1_000, 2_000, NOT_PACED);
        builder.add(tick(1_000), 1_000);
        send(40, 3_000, NOT_PACED); // acknowledged while the run flushed, 10 ms
        builder.addLast(tick(10), 1_000);

        Timeline t = builder.build();

        assertThat(t.intervals()).hasSize(1);
        Timeline.Interval only = t.intervals().get(0);
        assertThat(only.sent()).isEqualTo(1_040);
        assertThat(only.endEpochMillis()).isEqualTo(START + 1_010);
        assertThat(only.recordsPerSecond()).as("no spike of 4,000/s").isCloseTo(1_029.7, within(0.1));
        assertThat(only.sendToAck().count()).isEqualTo(1_040);
        assertThat(only.targetRate()).isEqualTo(1_000.0);

        Timeline.Builder longer = new Timeline.Builder(0, START, 1_000);
        longer.add(tick(1_000), 0);
        longer.addLast(tick(600), 0);
        assertThat(longer.build().intervals())
                .as("more than half a tick stays an interval")
                .hasSize(2);
        Timeline.Builder alone = new Timeline.Builder(0, START, 1_000);
        alone.addLast(tick(10), 0);
        assertThat(alone.build().intervals())
                .as("a run shorter than a tick has its one interval")
                .hasSize(1);
    }

    @Test
    void pastTheCapAdjacentPairsMergeAndLaterIntervalsSpanTwiceAsManyTicks() {
        Timeline.Builder builder = new Timeline.Builder(0, START, 1_000, 4);
        for (int tick = 0; tick < 4; tick++) {
            send(10, tick == 1 ? 90_000 : 1_000, NOT_PACED);
            builder.add(tick(1_000), 0);
        }

        Timeline halved = builder.build();
        assertThat(halved.intervals()).as("4 reached: halved into 2 of 2 s").hasSize(2);
        assertThat(halved.intervalMillis()).isEqualTo(2_000);
        assertThat(halved.intervals().get(0).sent()).isEqualTo(20);
        assertThat(halved.intervals().get(0).endEpochMillis()).isEqualTo(START + 2_000);
        assertThat(halved.intervals().get(0).sendToAck().p50())
                .as("merged without histograms: the higher p50, an upper bound")
                .isBetween(89_900L, 90_100L);

        // From now on two ticks make an interval, and their histograms merge exactly.
        send(99, 1_000, NOT_PACED);
        send(1, 500_000, NOT_PACED);
        builder.add(tick(1_000), 0);
        assertThat(builder.build().intervals())
                .as("an interval being filled shows")
                .hasSize(3);
        send(100, 1_000, NOT_PACED);
        builder.add(tick(1_000), 0);

        Timeline t = builder.build();
        assertThat(t.intervals()).hasSize(3);
        Timeline.Interval exact = t.intervals().get(2);
        assertThat(exact.sent()).isEqualTo(200);
        assertThat(exact.seconds()).isEqualTo(2.0);
        assertThat(exact.sendToAck().count()).isEqualTo(200);
        assertThat(exact.sendToAck().p99())
                .as("1 slow record in 200 is above p99 of the two ticks together (exact), though 1 in 100 of its tick")
                .isBetween(999L, 1_001L);

        for (int tick = 0; tick < 20; tick++) {
            send(1, 1_000, NOT_PACED);
            builder.add(tick(1_000), 0);
        }
        Timeline day = builder.build();
        assertThat(day.intervals().size()).isLessThanOrEqualTo(4);
        assertThat(day.intervals().stream().mapToLong(Timeline.Interval::sent).sum())
                .as("counts add up exactly through every halving")
                .isEqualTo(stats.sent());
        assertThat(day.intervals().get(0).startEpochMillis()).isEqualTo(START);
        assertThat(day.intervals().get(day.intervals().size() - 1).endEpochMillis())
                .isEqualTo(START + 26_000);
    }

    @Test
    void aFleetAlignsItsShardsIntervalsInTimeAddsCountsAndTargetsAndKeepsEachShard() {
        Timeline a = timeline(1, START, 1_000, new long[] {100, 200, 300}, 1_000, new long[] {1_000, 2_000, 3_000});
        // Shard 0 started 20 ms later, and its run ended earlier; it is also slower.
        Timeline b = timeline(0, START + 20, 1_000, new long[] {10, 20}, 500, new long[] {9_000, 500});

        Timeline fleet = a.plus(b);

        assertThat(fleet.shard()).isNull();
        assertThat(fleet.intervalMillis()).isEqualTo(1_000);
        assertThat(fleet.intervals()).extracting(Timeline.Interval::sent).containsExactly(110L, 220L, 300L);
        assertThat(fleet.intervals())
                .extracting(Timeline.Interval::targetRate)
                .containsExactly(1_500.0, 1_500.0, 1_000.0);
        assertThat(fleet.intervals().get(0).startEpochMillis()).isEqualTo(START);
        assertThat(fleet.intervals().get(0).endEpochMillis()).isEqualTo(START + 1_020);
        assertThat(fleet.intervals().get(0).sendToAck().p99())
                .as("the higher of the shards' p99s")
                .isBetween(8_990L, 9_010L);
        assertThat(fleet.intervals().get(1).sendToAck().p99()).isBetween(1_999L, 2_001L);
        assertThat(fleet.intervals().get(0).sendToAck().count()).isEqualTo(110);
        assertThat(fleet.shards()).extracting(Timeline::shard).containsExactly(0, 1);
        assertThat(fleet.parts()).isEqualTo(fleet.shards());
        assertThat(fleet.shards().get(1)).isEqualTo(a);

        Timeline c = timeline(2, START + 5, 1_000, new long[] {1, 1, 1}, 0, new long[] {100, 100, 100});
        Timeline three = fleet.plus(c);
        assertThat(three.shards()).extracting(Timeline::shard).containsExactly(0, 1, 2);
        assertThat(three.intervals()).extracting(Timeline.Interval::sent).containsExactly(111L, 221L, 301L);
        assertThat(Timeline.empty().plus(a)).isEqualTo(a);
        assertThat(a.plus(Timeline.empty())).isEqualTo(a);
    }

    @Test
    void aShardWhoseIntervalsAreShorterIsBroughtToTheLongerOnesFirst() {
        Timeline halvedAlready = timeline(0, START, 2_000, new long[] {300, 700}, 0, new long[] {1_000, 1_000});
        Timeline notYet = timeline(1, START + 10, 1_000, new long[] {1, 2, 3, 4}, 0, new long[] {5_000, 1, 1, 1});

        Timeline fleet = halvedAlready.plus(notYet);

        assertThat(fleet.intervalMillis()).isEqualTo(2_000);
        assertThat(fleet.intervals()).extracting(Timeline.Interval::sent).containsExactly(303L, 707L);
        assertThat(fleet.intervals().get(0).sendToAck().max()).isBetween(4_990L, 5_010L);
        assertThat(fleet.shards().get(1).intervalMillis())
                .as("each shard's own as it was")
                .isEqualTo(1_000);
    }

    @Test
    void aRunResultOfAFleetCarriesTheMergedTimeline() {
        Timeline a = timeline(0, START, 1_000, new long[] {5, 5}, 0, new long[] {1_000, 1_000});
        Timeline b = timeline(1, START, 1_000, new long[] {7, 7}, 0, new long[] {1_000, 1_000});
        RunResult fleet = Results.builder()
                .timeline(a)
                .build()
                .plus(Results.builder().timeline(b).build());

        assertThat(fleet.timeline().intervals())
                .extracting(Timeline.Interval::sent)
                .containsExactly(12L, 12L);
        assertThat(fleet.withStopReason("each shard: done").timeline()).isEqualTo(fleet.timeline());
        assertThat(Results.builder().build().timeline().isEmpty()).isTrue();
    }

    /** A shard's timeline of equal intervals: sent records per interval, each with one send→ack latency. */
    private static Timeline timeline(
            int shard, long start, long length, long[] sent, double target, long[] latencyMicros) {
        List<Timeline.Interval> intervals = new java.util.ArrayList<>();
        for (int i = 0; i < sent.length; i++) {
            Histogram h = LatencyHistograms.empty();
            h.recordValueWithCount(latencyMicros[i], sent[i]);
            intervals.add(new Timeline.Interval(
                    start + i * length,
                    start + (i + 1) * length,
                    sent[i],
                    0,
                    Map.of(),
                    target > 0 ? target : null,
                    Timeline.Percentiles.of(h),
                    null,
                    null));
        }
        return new Timeline(shard, length, intervals, List.of());
    }

    private void send(int records, long ackMicros, long intendedMicros) {
        for (int i = 0; i < records; i++) {
            stats.attempted();
            stats.sent(100, true, ackMicros * 1_000, intendedMicros < 0 ? -1 : intendedMicros * 1_000);
        }
    }

    private void fail(RuntimeException e, int records) {
        for (int i = 0; i < records; i++) {
            stats.attempted();
            stats.failed(e, true);
        }
    }

    private Progress tick(long millis) {
        elapsedMillis += millis;
        RunStats.Snapshot s = stats.snapshot();
        Progress p =
                new Progress(elapsedMillis * 1_000_000, millis * 1_000_000, s.sent() - sentBefore, 0, s, 0, 0, 0, 0);
        sentBefore = s.sent();
        return p;
    }
}
