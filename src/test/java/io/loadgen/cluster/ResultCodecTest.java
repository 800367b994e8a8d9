package io.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import io.loadgen.stats.Timeline;
import io.loadgen.watch.GroupReport;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultCodecTest {

    @Test
    void theRunCardTravelsWithTheShardResultAndAnOlderResultHasNone() {
        RunCard card = new RunCard(
                "1.2.3",
                new RunCard.Machine(
                        "JVM",
                        "21.0.5",
                        "OpenJDK 64-Bit Server VM (Eclipse Adoptium)",
                        "AMD EPYC",
                        4,
                        1.5,
                        2_147_483_648L),
                new RunCard.Cluster(3, "metadata.version 4.1-IV1", "logs", 12, 3));
        RunResult r = Results.builder().sent(10).runCard(card).build();

        String encoded = ResultCodec.encode(new ShardResult(new ShardSpec(0, 1), 0, 10, r));

        assertThat(ResultCodec.decode(encoded).result().runCard()).isEqualTo(card);
        String older = encoded.replaceFirst(",\"runCard\":\\{.*\\}\\}\\}", "}");
        assertThat(older).doesNotContain("runCard");
        assertThat(ResultCodec.decode(older).result().runCard()).isNull();
        assertThat(ResultCodec.encode(new ShardResult(
                        new ShardSpec(0, 1), 0, 10, Results.builder().build())))
                .as("no card, no field: older readers see the document they know")
                .doesNotContain("runCard");
    }

    @Test
    void roundTripKeepsCountsAndTheExactHistograms() {
        Histogram ack = LatencyHistograms.empty();
        for (long v = 1; v <= 50_000; v += 7) ack.recordValue(v);
        Histogram intended = LatencyHistograms.empty();
        intended.recordValue(123_456);
        RunResult r = Results.builder()
                .startEpochMillis(1_000)
                .measuredStartEpochMillis(1_500)
                .endEpochMillis(4_000)
                .sent(900)
                .failed(3)
                .bytes(111_600)
                .measuredSent(800)
                .measuredBytes(99_200)
                .measuredFailed(3)
                .errors(Map.of("TimeoutException", 3L))
                .sendToAckLatency(ack)
                .intendedLatency(intended)
                .compressionRatio(4.2)
                .settings(Map.of("topic", "logs"))
                .build();

        ShardResult back = ResultCodec.decode(ResultCodec.encode(new ShardResult(new ShardSpec(2, 5), 400, 200, r)));

        assertThat(back.shard()).isEqualTo(new ShardSpec(2, 5));
        assertThat(back.firstPosition()).isEqualTo(400);
        assertThat(back.positions()).isEqualTo(200);
        RunResult b = back.result();
        assertThat(b.total().sent()).isEqualTo(900);
        assertThat(b.total().failed()).isEqualTo(3);
        assertThat(b.errors()).containsEntry("TimeoutException", 3L);
        assertThat(b.window().measuredStartEpochMillis()).isEqualTo(1_500);
        assertThat(b.latencies().sendToAck()).isEqualTo(ack);
        assertThat(b.latencies().intended().getValueAtPercentile(100)).isEqualTo(intended.getValueAtPercentile(100));
        assertThat(b.compressionRatio()).isEqualTo(4.2);
        assertThat(b.settings()).containsEntry("topic", "logs");
    }

    @Test
    void recordSizesAndRecordsPerPartitionSurviveTheTripAndTwoShardsAddUpByPartition() {
        Histogram sizes = RecordShape.newSizeHistogram();
        for (int v = 200; v <= 4_000; v += 19) sizes.recordValue(v);
        RunResult r = Results.builder()
                .sent(600)
                .shape(new RecordShape(sizes, new long[] {300, 0, 200, 100}))
                .build();

        RunResult back = ResultCodec.decode(ResultCodec.encode(new ShardResult(new ShardSpec(0, 2), 0, 600, r)))
                .result();
        assertThat(back.shape().valueBytes()).isEqualTo(sizes);
        assertThat(back.shape().perPartition()).containsExactly(300, 0, 200, 100);

        RunResult other = Results.builder()
                .sent(50)
                .shape(new RecordShape(null, new long[] {10, 40}))
                .build();
        RecordShape fleet = back.plus(other).shape();
        assertThat(fleet.perPartition()).containsExactly(310, 40, 200, 100);
        assertThat(fleet.partitionsWritten()).isEqualTo(4);
        assertThat(fleet.maxPerPartition()).isEqualTo(310);
        assertThat(fleet.skew()).isEqualTo(310 / (650 / 4.0));
        assertThat(fleet.valueBytes().getTotalCount()).isEqualTo(sizes.getTotalCount());
    }

    @Test
    void theShortfallAndEachSendersCountSurviveTheTripAndOlderDocumentsReadWithout() {
        Shortfall shortfall = new Shortfall(
                76_000, 15_200, 1_234, new Stalls(1, 15_000, 5_000, 15_000), new Stalls(2, 16_000, 4_900, 15_100));
        RunResult r = Results.builder()
                .status(RunResult.Status.INCOMPLETE)
                .stopReason("duration reached")
                .startEpochMillis(1_000)
                .measuredStartEpochMillis(1_000)
                .endEpochMillis(21_000)
                .sent(23_558)
                .bytes(1_000)
                .measuredSent(23_558)
                .measuredBytes(1_000)
                .shortfall(shortfall)
                .fireAndForget(true)
                .handedBySender(Map.of("1/0", 12_000L, "1/1", 12_792L))
                .cpuSeconds(12.5)
                .build();

        RunResult b = ResultCodec.decode(ResultCodec.encode(new ShardResult(new ShardSpec(1, 2), 0, 100, r)))
                .result();

        assertThat(b.status()).isEqualTo(RunResult.Status.INCOMPLETE);
        assertThat(b.shortfall()).isEqualTo(shortfall);
        assertThat(b.fireAndForget()).isTrue();
        assertThat(b.cpuSeconds()).isEqualTo(12.5);
        assertThat(b.handedBySender()).containsExactlyInAnyOrderEntriesOf(Map.of("1/0", 12_000L, "1/1", 12_792L));

        String older = ResultCodec.encode(new ShardResult(new ShardSpec(1, 2), 0, 100, r))
                .replaceAll(",\\s*\"shortfall\":\\{.*?}}", "")
                .replaceAll(",\\s*\"handedBySender\":\\{[^}]*}", "");
        assertThat(older).doesNotContain("shortfall").doesNotContain("handedBySender");
        RunResult old = ResultCodec.decode(older).result();
        assertThat(old.shortfall()).isEqualTo(Shortfall.NONE);
        assertThat(old.handedBySender()).isEmpty();
    }

    /** Shard 0 carries the consumer groups it watched for the fleet; a shard that watched none writes no field. */
    @Test
    void theWatchedGroupsSurviveTheTripAndAreAbsentWhenNoneWasWatched() {
        GroupReport behind = new GroupReport(
                "ingestor",
                GroupReport.Verdict.FELL_BEHIND,
                null,
                7_803,
                777.0,
                25_854,
                8.5,
                24_254,
                null,
                1.0,
                3_996.0,
                808.0,
                List.of(
                        new GroupReport.LagPoint(0, 0, 0, 0, 0),
                        new GroupReport.LagPoint(1.004, 4_100, 1.25, 5_000, 900),
                        new GroupReport.LagPoint(2.01, 8_400, 2.5, 10_000, 1_600)));
        GroupReport absent = new GroupReport(
                "nobody", GroupReport.Verdict.NOT_WATCHED, "it does not exist", 0, 0, 0, 0, 0, null, null, 0, 0, null);
        RunResult r = Results.builder().sent(10).build();

        String json = ResultCodec.encode(new ShardResult(new ShardSpec(0, 2), 0, 5, r, List.of(behind, absent)));
        ShardResult back = ResultCodec.decode(json);

        assertThat(back.groups()).containsExactly(behind, absent);
        assertThat(json)
                .as("readings as arrays: a day of them stays small")
                .contains("\"series\":[[0.0,0,0.0,0,0],[1.004,4100,");
        assertThat(ResultCodec.encode(new ShardResult(new ShardSpec(1, 2), 5, 5, r)))
                .doesNotContain("consumerGroups");
        assertThat(ResultCodec.decode(ResultCodec.encode(new ShardResult(new ShardSpec(1, 2), 5, 5, r)))
                        .groups())
                .isEmpty();
    }

    @Test
    void theTimelineSurvivesTheTripInColumnsAndADayOfItFitsAResultsTopicMessage() {
        Timeline paced = timeline(0, Timeline.MAX_INTERVALS, 2_000.0);
        RunResult r = Results.builder().sent(1).timeline(paced).build();

        String json = ResultCodec.encode(new ShardResult(new ShardSpec(0, 1), 0, 1, r));
        Timeline back = ResultCodec.decode(json).result().timeline();

        assertThat(back).isEqualTo(paced);
        assertThat(json.length())
                .as("a day of intervals stays far below the results topic's 1 MB message limit")
                .isLessThan(400_000);

        Timeline unpaced = timeline(1, 3, 0);
        Timeline fleet = back.plus(unpaced);
        RunResult merged = Results.builder().timeline(fleet).build();
        Timeline fleetBack = ResultCodec.decode(ResultCodec.encode(new ShardResult(new ShardSpec(0, 2), 0, 1, merged)))
                .result()
                .timeline();
        assertThat(fleetBack).isEqualTo(fleet);
        assertThat(fleetBack.shards()).extracting(Timeline::shard).containsExactly(0, 1);

        assertThat(ResultCodec.encode(new ShardResult(
                        new ShardSpec(0, 1), 0, 1, Results.builder().build())))
                .as("no timeline, no field: documents of runs without one stay as they were")
                .doesNotContain("timeline");
        String corrupt = json.replaceFirst("\"sent\":\\[0,", "\"sent\":[");
        assertThat(corrupt).isNotEqualTo(json);
        assertThatThrownBy(() -> ResultCodec.decode(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt timeline");
    }

    /** Intervals of a second, each with errors now and then and every latency set (intended only when paced). */
    private static Timeline timeline(int shard, int intervals, double target) {
        long start = 1_764_650_000_000L;
        List<Timeline.Interval> list = new java.util.ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            Timeline.Percentiles ack = new Timeline.Percentiles(1_990 + i, 1_500 + i, 2_100, 4_300, 12_500, 48_000 + i);
            list.add(new Timeline.Interval(
                    start + i * 1_000L,
                    start + (i + 1) * 1_000L - (i == intervals - 1 ? 400 : 0),
                    i,
                    i % 7 == 0 ? 3 : 0,
                    i % 7 == 0 ? Map.of("TimeoutException", 2L, "NotLeaderOrFollowerException", 1L) : Map.of(),
                    target > 0 ? target : null,
                    ack,
                    target > 0 ? ack.upperBound(ack) : null,
                    target > 0 ? new Timeline.Percentiles(1_990 + i, 3, 5, 70, 900, 1_400) : null));
        }
        return new Timeline(shard, 1_000, list, List.of());
    }

    @Test
    void rejectsOtherDocuments() {
        assertThatThrownBy(() -> ResultCodec.decode("{\"version\":99}")).hasMessageContaining("version 99");
        assertThatThrownBy(() -> ResultCodec.decode("not json")).hasMessageContaining("not a loadgen shard result");
        assertThatThrownBy(() -> ResultCodec.decode("{\"runId\":\"r\",\"status\":\"COMPLETED\"}"))
                .as("a run's summary, which has no version")
                .hasMessage("not a loadgen shard result (a run's --summary-json? 'loadgen report' merges the files"
                        + " that 'run --result-file' writes, or the results topic)");
    }
}
