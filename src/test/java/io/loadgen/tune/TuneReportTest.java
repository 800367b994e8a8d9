package io.loadgen.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The table, the JSON and the chart of a tune over a deterministic fake trial: what a user and a machine read. */
@Timeout(10)
class TuneReportTest {

    private static final TrialSettings START = new TrialSettings(1, 1, "none", 16_384, 0, 5, 0);
    private static final Map<String, String> FIXED = Map.of("acks", "all");

    private static TuneResult tune() {
        AtomicLong clock = new AtomicLong();
        Trial trial = s -> {
            clock.addAndGet(Duration.ofSeconds(10).toNanos());
            double rate = TunerTest.throughput(s);
            // faster settings here also wait longer for their batches: a real trade-off for the frontier
            return Measurements.of(rate, rate / 10_000 + (s.compression().equals("zstd") ? 500 : 0));
        };
        return new Tuner(
                        trial,
                        clock::get,
                        SearchSpace.around(START, EnumSet.of(Knob.COMPRESSION, Knob.BATCH_SIZE), 2),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10),
                        TunerTest.NO_LISTENER)
                .run(START);
    }

    @Test
    void theTableHasARowPerTrialTheBestTheFrontierAndTheSettingsToPaste() {
        TuneResult result = tune();

        String text = TuneTable.text(result, FIXED);

        assertThat(text.lines().filter(l -> l.matches("\\s*\\d+ [*f ]? +(baseline|knob \\S+|confirm) .*")))
                .hasSize(result.trials().size());
        assertThat(text)
                .contains(
                        "best:     threads=1 producers=1 compression=lz4 batch-size=262144 linger-ms=0 max-in-flight=5",
                        "mean of trials",
                        "against the starting settings",
                        "bottleneck: ",
                        "trade-off frontier",
                        "LOADGEN_COMPRESSION=lz4",
                        "LOADGEN_BATCH_SIZE=262144",
                        "LOADGEN_ACKS=all",
                        "loadgen.batch-size=262144",
                        "loadgen run --threads 1 --producers 1 --compression lz4 --batch-size 262144 --linger-ms 0 --max-in-flight 5 --acks all",
                        "-e LOADGEN_BATCH_SIZE=262144");
        assertThat(text).doesNotContain("LOADGEN_RATE");
        assertThat(text).as("no rerun given").doesNotContain("check it");

        String checked = TuneTable.text(
                result.reported(
                        60, 600, RerunCheck.of(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(8))),
                FIXED);
        assertThat(checked)
                .contains(
                        "check it",
                        "loadgen run --threads 1 --producers 1 --compression lz4 --batch-size 262144 "
                                + "--linger-ms 0 --max-in-flight 5 --acks all --warmup 12s --duration 20s --create-topic");
    }

    @Test
    void theJsonCarriesEveryTrialTheBestTheVerdictAndTheSettingsToApply() throws Exception {
        TuneResult result = tune();

        JsonNode doc = new ObjectMapper().readTree(TuneJson.toJson("t-1", result, FIXED));

        assertThat(doc.path("objective").asText()).isEqualTo("max-throughput");
        assertThat(doc.path("sloP99Ms").isNull()).isTrue();
        assertThat(doc.path("trials")).hasSize(result.trials().size());
        JsonNode first = doc.path("trials").get(0);
        assertThat(first.path("phase").asText()).isEqualTo("baseline");
        assertThat(first.path("settings").path("compression").asText()).isEqualTo("none");
        assertThat(first.path("latencyBasis").asText()).isEqualTo("send-to-ack");
        assertThat(first.path("cpuSecondsPerMillionRecords").isNull())
                .as("NaN becomes null, not a string")
                .isTrue();
        assertThat(doc.path("best").path("settings").path("batch-size").asText())
                .isEqualTo("262144");
        assertThat(doc.path("best").path("recordsPerSecond").asDouble())
                .isEqualTo(result.best().recordsPerSecond());
        assertThat(doc.path("best").path("bottleneck").path("kind").asText()).isNotBlank();
        assertThat(doc.path("apply").path("env").path("LOADGEN_BATCH_SIZE").asText())
                .isEqualTo("262144");
        assertThat(doc.path("apply").path("properties").path("loadgen.acks").asText())
                .isEqualTo("all");
        assertThat(doc.path("frontier")).isNotEmpty();
        assertThat(doc.path("space").path("compression"))
                .extracting(JsonNode::asText)
                .contains("none", "lz4", "zstd");
    }

    @Test
    void theChartIsOneSelfContainedPageWithAPointPerTrialAndTheFrontier() {
        TuneResult result = tune();

        String html = TuneChart.html(result, FIXED);

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg", "<polyline", "best #", "p99 latency, ms (log scale)")
                .doesNotContain("<script", "src=", "href=", "@import", "url(");
        assertThat(html.split("<circle", -1).length - 1)
                .isEqualTo(result.trials().size());
        assertThat(html).contains("<pre>").contains("LOADGEN_BATCH_SIZE=262144");
    }
}
