package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SLO gates against a known result: which pass, which fail and by how much, in the summary and the JSON. */
@Timeout(10)
class GateReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 10,000 measured records in 2 s (5,000/s), 10 measured failures (0.1 %), send→ack 1..100 ms, from due 1..200 ms. */
    private static RunResult result(boolean paced) {
        Histogram ack = LatencyHistograms.empty();
        Histogram intended = LatencyHistograms.empty();
        Histogram delay = LatencyHistograms.empty();
        for (long ms = 1; ms <= 100; ms++) {
            ack.recordValueWithCount(ms * 1_000, 100);
            if (paced) {
                intended.recordValueWithCount(ms * 2_000, 100);
                delay.recordValueWithCount(ms * 1_000, 100);
            }
        }
        return Results.builder()
                .runId("run-g")
                .stopReason("duration reached")
                .endEpochMillis(2_000)
                .sent(10_500)
                .failed(12)
                .bytes(1_300_000)
                .measuredSent(10_000)
                .measuredBytes(1_240_000)
                .measuredFailed(10)
                .errors(Map.of("TimeoutException", 12L))
                .sendToAckLatency(ack)
                .intendedLatency(intended)
                .scheduleDelay(delay)
                .build();
    }

    @Test
    void latencyGatesJudgeLatencyFromTheIntendedTimeWhenPaced() {
        SloGates gates = new SloGates(null, null, Duration.ofMillis(150), null);

        GateReport paced = GateReport.evaluate(gates, result(true));
        GateReport unpaced = GateReport.evaluate(gates, result(false));

        assertThat(paced.latencyBasis()).isEqualTo(GateReport.LatencyBasis.INTENDED);
        assertThat(paced.passed()).as("p99 from due is about 198 ms").isFalse();
        assertThat(paced.checks().get(0).actual()).isCloseTo(198, within(0.5));
        assertThat(unpaced.latencyBasis()).isEqualTo(GateReport.LatencyBasis.SEND_TO_ACK);
        assertThat(unpaced.passed()).as("p99 send→ack is about 99 ms").isTrue();
    }

    @Test
    void eachGateComparesItsMeasureWithItsLimit() {
        RunResult r = result(false);

        assertThat(GateReport.evaluate(new SloGates(0.001, null, null, null), r).passed())
                .as("0.0999 % <= 0.1 %")
                .isTrue();
        assertThat(GateReport.evaluate(new SloGates(0.0005, null, null, null), r)
                        .passed())
                .isFalse();
        assertThat(GateReport.evaluate(new SloGates(null, 5_000.0, null, null), r)
                        .passed())
                .isTrue();
        assertThat(GateReport.evaluate(new SloGates(null, 5_001.0, null, null), r)
                        .passed())
                .isFalse();
        // p99.9 is 100 ms, reported (as HdrHistogram does) as the top of its 0.1 % bucket: just above 100 ms
        assertThat(GateReport.evaluate(new SloGates(null, null, null, Duration.ofMillis(101)), r)
                        .passed())
                .isTrue();
        assertThat(GateReport.evaluate(new SloGates(null, null, null, Duration.ofMillis(99)), r)
                        .passed())
                .isFalse();
        assertThat(GateReport.evaluate(SloGates.NONE, r)).satisfies(g -> {
            assertThat(g.checks()).isEmpty();
            assertThat(g.passed()).isTrue();
        });
    }

    @Test
    void aGateWithNothingMeasuredFails() {
        RunResult nothing = Results.builder().runId("r").build();

        GateReport report = GateReport.evaluate(new SloGates(0.5, null, Duration.ofSeconds(1), null), nothing);

        assertThat(report.failures())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.actual()).isNaN());
        assertThat(SummaryPrinter.text(nothing, report))
                .contains("FAIL  max-error-rate    nothing measured, limit 50%");
    }

    @Test
    void theSummarySaysWhichGateFailedAndByHowMuch() {
        SloGates gates = new SloGates(0.001, 20_000.0, Duration.ofMillis(150), Duration.ofSeconds(1));
        RunResult r = result(true);

        String text = SummaryPrinter.text(r, GateReport.evaluate(gates, r));

        assertThat(text)
                .contains(
                        "SLO gates          FAILED 2 of 4  (measured window; latency from the intended send time)",
                        "  PASS  max-error-rate    0.0999%, limit 0.1%",
                        "  FAIL  min-throughput    5,000 records/s, limit 20,000 records/s: short by 15,000 records/s (75.0%)",
                        "  FAIL  max-p99-latency   198.",
                        " ms, limit 150.000 ms: over by 48.",
                        "(1.3x the limit)",
                        "  PASS  max-p999-latency  200.",
                        "behind schedule    ms p50 50.",
                        "(due time → handed to the producer)");
        assertThat(SummaryPrinter.text(r, ReportFixtures.NO_GATES))
                .as("no gates, no section")
                .doesNotContain("SLO gates");
    }

    @Test
    void theJsonHasAGatesSectionAndTheScheduleDelay() throws IOException {
        SloGates gates = new SloGates(null, 20_000.0, Duration.ofMillis(150), null);
        RunResult r = result(true);

        JsonNode doc = JSON.readTree(ResultJson.toJson(r, GateReport.evaluate(gates, r)));

        assertThat(doc.path("gates").path("passed").asBoolean()).isFalse();
        assertThat(doc.path("gates").path("latencyBasis").asText()).isEqualTo("intended");
        JsonNode throughput = doc.path("gates").path("checks").get(0);
        assertThat(throughput.path("gate").asText()).isEqualTo("min-throughput");
        assertThat(throughput.path("passed").asBoolean()).isFalse();
        assertThat(throughput.path("actual").asDouble()).isEqualTo(5_000);
        assertThat(throughput.path("limit").asDouble()).isEqualTo(20_000);
        assertThat(throughput.path("unit").asText()).isEqualTo("records/s");
        assertThat(doc.path("gates").path("checks").get(1).path("unit").asText())
                .isEqualTo("ms");
        assertThat(doc.path("scheduleDelayMs").path("count").asLong()).isEqualTo(10_000);
        assertThat(doc.path("intendedLatencyMs").path("p99").asDouble()).isCloseTo(198, within(0.5));
        assertThat(doc.path("records").path("measuredFailed").asLong()).isEqualTo(10);
        assertThat(doc.path("records").path("errorRate").asDouble()).isCloseTo(10 / 10_010.0, within(1e-12));

        JsonNode none = JSON.readTree(ResultJson.toJson(r, ReportFixtures.NO_GATES));
        assertThat(none.path("gates").path("passed").asBoolean()).isTrue();
        assertThat(none.path("gates").path("checks")).isEmpty();
    }
}
