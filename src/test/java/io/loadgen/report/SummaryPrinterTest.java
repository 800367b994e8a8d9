package io.loadgen.report;

import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue item 6: the final summary carries every number, and the settings with secrets masked. */
@Timeout(10)
class SummaryPrinterTest {

    private final RunResult result = ReportFixtures.result();

    @Test
    void theSummaryHasTheCountsRatesAndLatencyPercentiles() {
        String text = SummaryPrinter.text(result);

        assertThat(text).contains("run run-7, COMPLETED", "50,000 acknowledged (1,000 in warm-up), 3 failed",
                "bytes sent         6,000,000 (5.7 MiB)", "2.100 s sending, 2.000 s measured",
                "24,500 records/s", "p50 25.", "p90 ", "p99 ", "p99.9 ", "max 49.", "4.25x smaller",
                "TimeoutException=3");
    }

    @Test
    void theSettingsArePrintedWithSecretsMasked() {
        String text = SummaryPrinter.text(result);

        assertThat(text).contains("topic = logs", "warmup = 1000 records", "acks = all", "sasl.jaas.config = [hidden]",
                "ssl.truststore.password = [hidden]");
        assertThat(text).doesNotContain(ReportFixtures.PASSWORD);
    }

    @Test
    void aRunWithoutMeasuredRecordsSaysSo() {
        RunResult empty = new RunResult("r", RunResult.Status.INTERRUPTED, "interrupted", 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of(), LatencyHistograms.empty(), LatencyHistograms.empty(), null, null);

        assertThat(SummaryPrinter.text(empty)).contains("INTERRUPTED", "0 acknowledged, 0 failed",
                "n/a (no measured records)", "compression        n/a", "errors             none");
    }

    /** Scripts read the summary: its numbers must not turn into "2,100 s" on a machine with a German locale. */
    @Test
    void theSummaryIsTheSameInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(SummaryPrinter.text(result)).contains("2.100 s sending, 2.000 s measured", "4.25x smaller");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void printWritesTheText() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SummaryPrinter.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(SummaryPrinter.text(result));
    }
}
