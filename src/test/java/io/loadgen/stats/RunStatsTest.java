package io.loadgen.stats;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue item 5: only acknowledged records count as sent; failures by type; warm-up kept out of the measurements. */
@Timeout(30)
class RunStatsTest {

    private static final boolean MEASURED = true;
    private static final boolean WARMUP = false;
    private static final long NOT_PACED = -1;

    private final RunStats stats = new RunStats();

    @Test
    void aRecordIsInFlightUntilItsFateIsKnown() {
        for (int i = 0; i < 5; i++) stats.attempted();
        stats.sent(100, MEASURED, 2_000_000, NOT_PACED);
        stats.failed(new TimeoutException("expired"), true);

        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.inFlight()).isEqualTo(3);
        assertThat(stats.snapshot().inFlight()).isEqualTo(3);
    }

    @Test
    void failuresAreCountedByExceptionType() {
        stats.failed(new TimeoutException("a"), true);
        stats.failed(new TimeoutException("b"), true);
        stats.failed(new NotLeaderOrFollowerException("c"), true);
        stats.failed(null, true);

        assertThat(stats.snapshot().errors())
                .containsExactly(
                        entry("NotLeaderOrFollowerException", 1L), entry("TimeoutException", 2L), entry("unknown", 1L));
        assertThat(stats.failed()).isEqualTo(4);
    }

    @Test
    void warmupRecordsCountAsSentButNotAsMeasured() {
        stats.sent(100, WARMUP, 50_000_000, 60_000_000);
        stats.sent(120, MEASURED, 2_000_000, 3_000_000);

        RunStats.Snapshot s = stats.snapshot();
        assertThat(s.sent()).isEqualTo(2);
        assertThat(s.sentBytes()).isEqualTo(220);
        assertThat(s.measuredSent()).isEqualTo(1);
        assertThat(s.measuredBytes()).isEqualTo(120);
        assertThat(s.totalSendToAck().getTotalCount()).isEqualTo(1);
        assertThat(s.totalSendToAck().getMaxValue()).as("microseconds").isBetween(1_999L, 2_001L);
        assertThat(s.totalIntended().getTotalCount()).isEqualTo(1);
    }

    @Test
    void unpacedRecordsHaveNoLatencyFromTheirDueTime() {
        stats.sent(100, MEASURED, 2_000_000, NOT_PACED);

        assertThat(stats.snapshot().totalIntended().getTotalCount()).isZero();
    }

    @Test
    void aSnapshotMovesTheIntervalIntoTheTotals() {
        stats.sent(1, MEASURED, 1_000_000, NOT_PACED);
        stats.sent(1, MEASURED, 3_000_000, NOT_PACED);
        RunStats.Snapshot first = stats.snapshot();
        stats.sent(1, MEASURED, 5_000_000, NOT_PACED);
        RunStats.Snapshot second = stats.snapshot();
        RunStats.Snapshot third = stats.snapshot();

        assertThat(first.intervalSendToAck().getTotalCount()).isEqualTo(2);
        assertThat(first.totalSendToAck().getTotalCount()).isEqualTo(2);
        assertThat(second.intervalSendToAck().getTotalCount()).isEqualTo(1);
        assertThat(second.intervalSendToAck().getMinValue()).isBetween(4_990L, 5_010L);
        assertThat(second.totalSendToAck().getTotalCount()).isEqualTo(3);
        assertThat(third.intervalSendToAck().getTotalCount()).isZero();
        assertThat(third.totalSendToAck().getTotalCount()).isEqualTo(3);
        assertThat(first.totalSendToAck().getTotalCount())
                .as("a snapshot is a copy")
                .isEqualTo(2);
    }

    @Test
    void latenciesOutsideTheHistogramAreClampedNotLost() {
        stats.sent(1, MEASURED, -5, NOT_PACED);
        stats.sent(1, MEASURED, Long.MAX_VALUE, NOT_PACED);

        RunStats.Snapshot s = stats.snapshot();
        assertThat(s.totalSendToAck().getTotalCount()).isEqualTo(2);
        assertThat(s.totalSendToAck().getMinValue()).isZero();
        assertThat(s.totalSendToAck().getMaxValue())
                .isEqualTo(s.totalSendToAck().highestEquivalentValue(LatencyHistograms.MAX_LATENCY_MICROS));
    }

    @Test
    void countsAreExactUnderConcurrentUpdates() throws InterruptedException {
        int threads = 4;
        int perThread = 50_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    stats.attempted();
                    if (i % 10 == 0) stats.failed(new TimeoutException("x"), true);
                    else stats.sent(10, i % 2 == 0, 1_000_000, NOT_PACED);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) w.join();

        RunStats.Snapshot s = stats.snapshot();
        long failed = threads * (perThread / 10L);
        assertThat(s.attempted()).isEqualTo((long) threads * perThread);
        assertThat(s.failed()).isEqualTo(failed);
        assertThat(s.sent()).isEqualTo(threads * (long) perThread - failed);
        assertThat(s.sentBytes()).isEqualTo(10 * s.sent());
        assertThat(s.totalSendToAck().getTotalCount()).isEqualTo(s.measuredSent());
        assertThat(s.inFlight()).isZero();
    }

    @Test
    void eachProducersCountersAddUpWithTheSharedOnesWhileTheyAreWritten() throws InterruptedException {
        // As in a run: one counter per sender thread and per producer's I/O thread, each with its own writer, and
        // failures reported on any thread; a reader adds them up while they are written.
        int producers = 3;
        int perProducer = 200_000;
        List<Thread> workers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            RunStats.SendCounter sends = stats.newSendCounter();
            RunStats.AckCounter acks = stats.newAckCounter();
            int partitionBase = p;
            workers.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    sends.count();
                    if (i % 10 == 0) stats.failed(new TimeoutException("x"), true);
                    else acks.sent(partitionBase + i % 2, 10, i % 2 == 0, 1_000_000, i % 4 == 0 ? 3_000_000 : -1);
                }
            }));
        }
        workers.forEach(Thread::start);
        long lastSent = 0;
        while (workers.stream().anyMatch(Thread::isAlive)) {
            RunStats.Snapshot during = stats.snapshot();
            assertThat(during.sent()).as("never goes back").isGreaterThanOrEqualTo(lastSent);
            assertThat(during.sent() + during.failed()).isLessThanOrEqualTo(during.attempted());
            lastSent = during.sent();
        }
        for (Thread w : workers) w.join();

        RunStats.Snapshot s = stats.snapshot();
        long total = (long) producers * perProducer;
        long failed = producers * (perProducer / 10L);
        assertThat(s.attempted()).isEqualTo(total);
        assertThat(s.failed()).isEqualTo(failed);
        assertThat(s.sent()).isEqualTo(total - failed);
        assertThat(s.sentBytes()).isEqualTo(10 * s.sent());
        assertThat(s.inFlight()).isZero();
        // measured: the even i, none of which is a multiple of 10 ... but every multiple of 10 is even
        long measured = producers * (perProducer / 2L - perProducer / 10L);
        assertThat(s.measuredSent()).isEqualTo(measured);
        assertThat(s.measuredBytes()).isEqualTo(10 * measured);
        assertThat(s.totalSendToAck().getTotalCount()).isEqualTo(measured);
        assertThat(s.totalIntended().getTotalCount())
                .as("paced and measured: i % 4 == 0 and not a multiple of 10")
                .isEqualTo(producers * (perProducer / 4L - perProducer / 20L));
        // partitions: producer p writes p (even i) and p + 1 (odd i); their counts add up across producers
        long[] perPartition = stats.perPartition(0);
        assertThat(perPartition).hasSize(producers + 1);
        assertThat(java.util.Arrays.stream(perPartition).sum()).isEqualTo(s.sent());
        assertThat(perPartition[0]).isEqualTo(measured / producers);
        assertThat(perPartition[producers]).isEqualTo(perProducer / 2L);
    }

    @Test
    void aProducerCountsPartitionsItFirstSeesOutOfOrder() {
        RunStats.AckCounter acks = stats.newAckCounter();
        int[] partitions = {3, 4, 0, 40, 3, 7, 100, 0, 3};
        for (int partition : partitions) acks.sent(partition, 10, MEASURED, 1_000_000, NOT_PACED);

        long[] counts = stats.perPartition(101);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[3]).isEqualTo(3);
        assertThat(counts[4]).isEqualTo(1);
        assertThat(counts[7]).isEqualTo(1);
        assertThat(counts[40]).isEqualTo(1);
        assertThat(counts[100]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(partitions.length);
        assertThat(stats.sent()).isEqualTo(partitions.length);
    }

    @Test
    void aSealedRunIgnoresLateAcknowledgements() {
        RunStats.SendCounter sends = stats.newSendCounter();
        RunStats.AckCounter acks = stats.newAckCounter();
        sends.count();
        sends.count();
        acks.sent(0, 100, MEASURED, 2_000_000, NOT_PACED);

        RunStats.Snapshot sealed = stats.seal();
        acks.sent(1, 100, MEASURED, 2_000_000, NOT_PACED); // the producer failing or finishing after the run gave up

        assertThat(sealed.sent()).isEqualTo(1);
        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.unconfirmed()).isEqualTo(1);
        assertThat(stats.perPartition(2)).containsExactly(1, 0);
        assertThat(stats.snapshot().totalSendToAck().getTotalCount()).isEqualTo(1);
    }
}
