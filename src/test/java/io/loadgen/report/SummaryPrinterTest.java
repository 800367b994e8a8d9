package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.stats.Results;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue item 6: the final summary carries every number, and the settings with secrets masked. */
@Timeout(10)
class SummaryPrinterTest {

    private final RunResult result = ReportFixtures.result();

    @Test
    void theSummaryHasTheCountsRatesAndLatencyPercentiles() {
        String text = SummaryPrinter.text(result, ReportFixtures.NO_GATES);

        assertThat(text)
                .contains(
                        "run run-7, COMPLETED",
                        "50,000 acknowledged (1,000 in warm-up), 3 failed",
                        "bytes sent         6,000,000 (5.7 MiB)",
                        "2.100 s sending, 2.000 s measured",
                        "24,500 records/s",
                        "p50 25.",
                        "p90 ",
                        "p99 ",
                        "p99.9 ",
                        "max 49.",
                        "4.25x smaller",
                        "TimeoutException=3");
    }

    @Test
    void anOutageIsSpelledOutRecordsNeverSentUnconfirmedAndTheStalls() {
        RunResult r = ReportFixtures.result();
        long start = r.window().startEpochMillis();
        RunResult outage = Results.builder()
                .runId(r.runId())
                .status(RunResult.Status.INCOMPLETE)
                .stopReason("duration reached; sending fell behind schedule")
                .startEpochMillis(start)
                .measuredStartEpochMillis(start)
                .endEpochMillis(start + 20_000)
                .sent(23_558)
                .bytes(1_000)
                .measuredSent(23_558)
                .measuredBytes(1_000)
                .sendToAckLatency(r.latencies().sendToAck())
                .intendedLatency(r.latencies().sendToAck())
                .shortfall(new Shortfall(
                        76_442,
                        15_300,
                        1_200,
                        new Stalls(1, 15_200, start + 4_700, 15_200),
                        new Stalls(1, 15_900, start + 4_650, 15_900)))
                .build();

        String text = SummaryPrinter.text(outage, ReportFixtures.NO_GATES);

        assertThat(text)
                .contains(
                        "run run-7, INCOMPLETE (duration reached; sending fell behind schedule)",
                        "23,558 acknowledged, 0 failed, 1,200 unconfirmed",
                        "unconfirmed        1,200 records handed to the producer were neither acknowledged nor failed",
                        "not sent           76,442 records were due by the schedule but never handed to the producer (15.3 s behind schedule at the end)",
                        "sending stalled    1 time, 15.2 s in all; longest 15.2 s from 4.7 s into the run",
                        "acks stalled       1 time, 15.9 s in all; longest 15.9 s from 4.7 s into the run");
        assertThat(SummaryPrinter.text(r, ReportFixtures.NO_GATES))
                .doesNotContain("unconfirmed", "not sent", "stalled", "acks=0");
    }

    @Test
    void acksZeroIsNamedForWhatItIsSentNotAcknowledged() {
        RunResult r = ReportFixtures.result();
        RunResult acks0 = Results.from(r)
                .failed(0)
                .measuredFailed(0)
                .errors(Map.of())
                .fireAndForget(true)
                .cpuSeconds(3.0)
                .build();

        String text = SummaryPrinter.text(acks0, ReportFixtures.NO_GATES);

        assertThat(text)
                .contains(
                        "50,000 sent, not acknowledged (acks=0)",
                        "acks=0             the broker confirms nothing",
                        "cpu                3.00 s for the process, start-up included; 60.00 s per million records sent")
                .doesNotContain("acknowledged (1,000");
    }

    @Test
    void theRunCardIsOneLineOfMachineClusterAndTopic() {
        RunResult withCard = Results.from(result)
                .runCard(new RunCard(
                        "1.2.3",
                        new RunCard.Machine(
                                "JVM",
                                "21.0.5",
                                "vm",
                                "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
                                2,
                                1.5,
                                2_147_483_648L),
                        new RunCard.Cluster(1, "metadata.version 4.1-IV1", "logs", 6, 1)))
                .build();
        RunResult unknown = Results.from(result)
                .runCard(new RunCard(null, new RunCard.Machine("JVM", "21", "vm", null, 8, null, null), null))
                .build();

        assertThat(SummaryPrinter.text(withCard, ReportFixtures.NO_GATES))
                .contains(
                        "\nmachine            2 cores (Intel Xeon Platinum 8375C), container limits 1.5 CPUs, 2.0 GiB;"
                                + " cluster 1 broker (metadata.version 4.1-IV1), topic 6 partitions x1\n");
        assertThat(SummaryPrinter.text(unknown, ReportFixtures.NO_GATES))
                .contains(
                        "\nmachine            8 cores, no container limits; cluster ? brokers, topic ? partitions x?\n");
        assertThat(SummaryPrinter.text(result, ReportFixtures.NO_GATES)).doesNotContain("machine");
    }

    @Test
    void theSettingsArePrintedWithSecretsMasked() {
        String text = SummaryPrinter.text(result, ReportFixtures.NO_GATES);

        assertThat(text)
                .contains(
                        "topic = logs",
                        "warmup = 1000 records",
                        "acks = all",
                        "sasl.jaas.config = [hidden]",
                        "ssl.truststore.password = [hidden]");
        assertThat(text).doesNotContain(ReportFixtures.PASSWORD);
    }

    @Test
    void aRunWithoutMeasuredRecordsSaysSo() {
        RunResult empty = Results.builder()
                .runId("r")
                .status(RunResult.Status.INTERRUPTED)
                .stopReason("interrupted")
                .build();

        assertThat(SummaryPrinter.text(empty, ReportFixtures.NO_GATES))
                .contains(
                        "INTERRUPTED",
                        "0 acknowledged, 0 failed",
                        "n/a (no measured records)",
                        "compression        n/a",
                        "errors             none");
    }

    @Test
    void compressionSaysSmallerNoSmallerOrLarger() {
        assertThat(SummaryPrinter.compression(5.534))
                .isEqualTo("5.53x smaller on the wire (client's compression-rate-avg)");
        assertThat(SummaryPrinter.compression(1.0)).isEqualTo("no smaller on the wire (client's compression-rate-avg)");
        assertThat(SummaryPrinter.compression(1.004)).startsWith("no smaller");
        assertThat(SummaryPrinter.compression(0.8))
                .isEqualTo("1.25x larger on the wire (client's compression-rate-avg)");
        assertThat(SummaryPrinter.compression(null)).isEqualTo("n/a");
    }

    /** Scripts read the summary: its numbers must not turn into "2,100 s" on a machine with a German locale. */
    @Test
    void theSummaryIsTheSameInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(SummaryPrinter.text(result, ReportFixtures.NO_GATES))
                    .contains("2.100 s sending, 2.000 s measured", "4.25x smaller");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void printWritesTheText() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SummaryPrinter.print(result, ReportFixtures.NO_GATES, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo(SummaryPrinter.text(result, ReportFixtures.NO_GATES));
    }
}
