package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue item 6: a progress line with records/s, MB/s, total, errors and latency p50/p99. */
@Timeout(10)
class ProgressPrinterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theLineHasRateThroughputTotalsAndLatency() {
        RunStats stats = new RunStats();
        for (int i = 0; i < 12_345; i++) {
            stats.attempted();
            stats.sent(1_024, true, (1 + i % 10) * 1_000_000L, -1);
        }
        stats.attempted();
        stats.failed(new TimeoutException("x"), true);
        stats.attempted();

        String line =
                ProgressPrinter.line(onSchedule(10 * SECOND, 5 * SECOND, 10_000, 10_000 * 1_024L, stats.snapshot(), 0));

        assertThat(line)
                .startsWith(
                        "[   10.0s] 2,000 records/s, 2.0 MiB/s, total 12,345, errors 1, in flight 1, latency ms p50 5.")
                .contains(" p99 10.")
                .doesNotContain("target", "from due");
    }

    @Test
    void aPacedRunShowsTheTargetAndTheDelayFromTheDueTime() {
        RunStats stats = new RunStats();
        stats.sent(100, true, 2_000_000, 7_000_000);

        String line = ProgressPrinter.line(onSchedule(SECOND, SECOND, 1, 100, stats.snapshot(), 2_000));

        assertThat(line).contains("1 records/s (target 2,000)", "from due p99 7.0");
    }

    @Test
    void beforeAnyAcknowledgementThereIsNoLatency() {
        String line = ProgressPrinter.line(onSchedule(SECOND, SECOND, 0, 0, new RunStats().snapshot(), 0));

        assertThat(line).contains("0 records/s", "total 0").doesNotContain("latency");
    }

    @Test
    void anOutageShowsOnTheLineWhileItLasts() {
        String line = ProgressPrinter.line(new Progress(
                10 * SECOND, SECOND, 0, 0, new RunStats().snapshot(), 5_000, 26_000, 5_200_000_000L, 5_300_000_000L));

        assertThat(line).contains("behind schedule 26,000", "SENDING STALLED 5.2 s", "NO ACKS FOR 5.3 s");
        assertThat(ProgressPrinter.line(onSchedule(SECOND, SECOND, 0, 0, new RunStats().snapshot(), 5_000)))
                .doesNotContain("behind", "STALLED", "NO ACKS");
    }

    /** A tick of a run on schedule, with nothing stalled. */
    private static Progress onSchedule(
            long elapsedNanos,
            long intervalNanos,
            long intervalSent,
            long intervalBytes,
            RunStats.Snapshot snapshot,
            double targetRate) {
        return new Progress(elapsedNanos, intervalNanos, intervalSent, intervalBytes, snapshot, targetRate, 0, 0, 0);
    }
}
