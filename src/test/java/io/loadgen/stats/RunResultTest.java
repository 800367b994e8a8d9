package io.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Results add up (architecture convention 9): merging threads or pods is addition, histograms included. */
@Timeout(10)
class RunResultTest {

    private static final long RECORD_BYTES = 100;
    private static final double[] PERCENTILES = {0, 1, 50, 90, 99, 99.9, 99.99, 100};

    @Test
    void mergingAddsCountsAndErrorsAndSpansBothWindows() {
        RunResult a = result(
                RunResult.Status.COMPLETED, 1_000, 2_000, 10_000, 900, 3, 100, Map.of("TimeoutException", 3L), 2.0);
        RunResult b = result(
                RunResult.Status.COMPLETED,
                1_500,
                2_500,
                11_000,
                400,
                2,
                300,
                Map.of("TimeoutException", 1L, "RecordTooLargeException", 1L),
                4.0);

        RunResult sum = a.plus(b);

        assertThat(sum.total().sent()).isEqualTo(1_300);
        assertThat(sum.total().failed()).isEqualTo(5);
        assertThat(sum.total().bytes()).isEqualTo(1_300 * RECORD_BYTES);
        assertThat(sum.measured().sent()).isEqualTo(1_300 - 400);
        assertThat(sum.warmupSent()).isEqualTo(400);
        assertThat(sum.errors())
                .containsOnly(Map.entry("TimeoutException", 4L), Map.entry("RecordTooLargeException", 1L));
        assertThat(sum.window().startEpochMillis()).isEqualTo(1_000);
        assertThat(sum.window().measuredStartEpochMillis()).isEqualTo(2_000);
        assertThat(sum.window().endEpochMillis()).isEqualTo(11_000);
        assertThat(sum.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(sum.compressionRatio())
                .as("weighted by bytes")
                .isCloseTo((2.0 * 90_000 + 4.0 * 40_000) / 130_000, within(1e-9));
    }

    @Test
    void anInterruptedPartMakesTheWholeInterrupted() {
        RunResult done = result(RunResult.Status.COMPLETED, 0, 0, 1, 10, 0, 0, Map.of(), 1.0);
        RunResult stopped = result(RunResult.Status.INTERRUPTED, 0, 0, 1, 10, 0, 0, Map.of(), 1.0);

        assertThat(done.plus(stopped).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(stopped.plus(done).status()).isEqualTo(RunResult.Status.INTERRUPTED);
    }

    @Test
    void anIncompletePartMakesTheFleetIncompleteAndTheShortfallsAddUp() {
        RunResult done = result(RunResult.Status.COMPLETED, 0, 0, 1, 10, 0, 0, Map.of(), 1.0);
        RunResult behind = Results.builder()
                .status(RunResult.Status.INCOMPLETE)
                .stopReason("duration reached")
                .endEpochMillis(1)
                .sent(10)
                .bytes(10)
                .measuredSent(10)
                .measuredBytes(10)
                .shortfall(new Shortfall(700, 2_500, 30, new Stalls(1, 2_000, 100, 2_000), Stalls.NONE))
                .handedBySender(Map.of("1/0", 740L))
                .cpuSeconds(2.5)
                .build();
        RunResult stopped = result(RunResult.Status.INTERRUPTED, 0, 0, 1, 10, 0, 0, Map.of(), 1.0);

        RunResult fleet = done.plus(behind);
        assertThat(fleet.status()).isEqualTo(RunResult.Status.INCOMPLETE);
        assertThat(behind.plus(done).status()).isEqualTo(RunResult.Status.INCOMPLETE);
        assertThat(fleet.plus(stopped).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(fleet.shortfall()).isEqualTo(behind.shortfall());
        assertThat(fleet.plus(behind).shortfall())
                .isEqualTo(new Shortfall(1_400, 2_500, 60, new Stalls(2, 4_000, 100, 2_000), Stalls.NONE));
        assertThat(fleet.handedBySender()).containsExactly(Map.entry("1/0", 740L));
        assertThat(fleet.cpuSeconds())
                .as("one side does not know its CPU: neither does the fleet")
                .isNull();
        assertThat(behind.plus(behind).cpuSeconds()).isEqualTo(5.0);
        assertThat(behind.cpuSecondsPerMillionRecords()).isEqualTo(2.5 / 10 * 1e6);
    }

    @Test
    void aCompressionRatioKnownOnOneSideIsKept() {
        RunResult known = result(RunResult.Status.COMPLETED, 0, 0, 1, 10, 0, 0, Map.of(), 3.0);
        RunResult unknown = result(RunResult.Status.COMPLETED, 0, 0, 1, 10, 0, 0, Map.of(), null);

        assertThat(known.plus(unknown).compressionRatio()).isEqualTo(3.0);
        assertThat(unknown.plus(known).compressionRatio()).isEqualTo(3.0);
    }

    /** No compression ratio is reported when nothing was sent (or the client has no metric): merging must cope. */
    @Test
    void mergingTwoResultsWithoutACompressionRatioGivesNone() {
        RunResult unknown = result(RunResult.Status.COMPLETED, 0, 0, 1, 0, 0, 0, Map.of(), null);

        assertThat(unknown.plus(unknown).compressionRatio()).isNull();
    }

    @Test
    void mergedPercentilesEqualThoseOfOneHistogramOfAllValues() {
        SplittableRandom random = new SplittableRandom(3);
        Histogram all = LatencyHistograms.empty();
        Histogram left = LatencyHistograms.empty();
        Histogram right = LatencyHistograms.empty();
        for (int i = 0; i < 100_000; i++) {
            // two different shapes, so a merge that averaged percentiles instead of adding counts would show
            long fast = 200 + random.nextLong(2_000);
            long slow = 5_000 + random.nextLong(900_000);
            left.recordValue(fast);
            right.recordValue(slow);
            all.recordValue(fast);
            all.recordValue(slow);
        }

        RunResult merged = withLatency(left).plus(withLatency(right));

        assertThat(merged.latencies().sendToAck().getTotalCount()).isEqualTo(all.getTotalCount());
        for (double p : PERCENTILES) {
            assertThat(merged.latencies().sendToAck().getValueAtPercentile(p))
                    .as("p%s", p)
                    .isEqualTo(all.getValueAtPercentile(p));
        }
        assertThat(left.getTotalCount()).as("merging leaves the parts alone").isEqualTo(100_000);
    }

    @Test
    void ratesComeFromTheMeasuredWindow() {
        RunResult r = result(RunResult.Status.COMPLETED, 0, 1_000, 3_000, 500, 0, 10, Map.of(), null);

        assertThat(r.window().measuredSeconds()).isEqualTo(2.0);
        assertThat(r.window().elapsedSeconds()).isEqualTo(3.0);
        assertThat(r.recordsPerSecond()).as("warm-up left out").isEqualTo(490 / 2.0);
        assertThat(r.mibPerSecond()).isCloseTo(490 * RECORD_BYTES / 2.0 / 1_048_576, within(1e-12));
    }

    /** A result of {@code sent} acknowledged records of {@link #RECORD_BYTES} each, {@code warmup} of them in warm-up. */
    private static RunResult result(
            RunResult.Status status,
            long start,
            long measuredStart,
            long end,
            long sent,
            long failed,
            long warmup,
            Map<String, Long> errors,
            Double compression) {
        return Results.builder()
                .status(status)
                .stopReason("all records handed to the producer")
                .startEpochMillis(start)
                .measuredStartEpochMillis(measuredStart)
                .endEpochMillis(end)
                .sent(sent)
                .failed(failed)
                .bytes(sent * RECORD_BYTES)
                .measuredSent(sent - warmup)
                .measuredBytes((sent - warmup) * RECORD_BYTES)
                .measuredFailed(failed)
                .errors(errors)
                .compressionRatio(compression)
                .build();
    }

    private static RunResult withLatency(Histogram ack) {
        return Results.builder()
                .endEpochMillis(1)
                .sent(ack.getTotalCount())
                .measuredSent(ack.getTotalCount())
                .sendToAckLatency(ack)
                .compressionRatio(1.0)
                .build();
    }

    @Test
    void aFleetsRunCardIsItsFirstShardsWithTheProcessorsAddedUp() {
        RunCard shard0 = new RunCard(
                "1.0",
                new RunCard.Machine("JVM", "21", "vm", "AMD EPYC", 2, 1.5, 1_000L),
                new RunCard.Cluster(3, "metadata.version 4.1-IV1", "logs", 12, 3));
        RunCard shard1 = new RunCard(
                "1.0",
                new RunCard.Machine("JVM", "21", "vm", "Intel Xeon", 4, 2.0, 2_000L),
                new RunCard.Cluster(3, "metadata.version 4.1-IV1", "logs", 12, 3));
        RunCard unlimited = new RunCard(
                "1.0", new RunCard.Machine("JVM", "21", "vm", null, 8, null, null), RunCard.Cluster.UNKNOWN);

        RunCard fleet = Results.builder()
                .runCard(shard0)
                .build()
                .plus(Results.builder().runCard(shard1).build())
                .runCard();

        assertThat(fleet.machine().cores()).isEqualTo(6);
        assertThat(fleet.machine().containerCpuLimit()).isEqualTo(3.5);
        assertThat(fleet.machine().containerMemoryLimitBytes()).isEqualTo(1_000L);
        assertThat(fleet.machine().cpuModel()).isEqualTo("AMD EPYC");
        assertThat(fleet.cluster()).isEqualTo(shard0.cluster());
        assertThat(fleet.plus(unlimited).machine().containerCpuLimit())
                .as("a shard without a CPU limit leaves the fleet without one")
                .isNull();
        assertThat(Results.builder()
                        .build()
                        .plus(Results.builder().runCard(shard1).build())
                        .runCard())
                .as("a result of an older version has no card; the other's is kept")
                .isEqualTo(shard1);
    }
}
