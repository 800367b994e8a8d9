package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ShardResult;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The two JSON documents users and other versions of the tool read stay as they were: the summary JSON
 * ({@code --summary-json}) and the shard result (results topic, {@code --result-file}, read by {@code loadgen report}).
 * The fixtures under {@code src/test/resources/compat/} were written by the code before {@link RunResult} was
 * regrouped into named parts; a field renamed, moved or dropped fails here. A change on purpose updates the fixture
 * in the same commit, and for the shard result bumps {@link ResultCodec#VERSION} when older readers would misread it.
 */
class JsonCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSummaryJsonKeepsEveryFieldNameAndValue() throws IOException {
        JsonNode written = JSON.readTree(ResultJson.toJson(result(), GateReport.evaluate(gates(), result())));

        assertThat(written).isEqualTo(fixture("summary-v1.json"));
    }

    @Test
    void aShardResultOfTheEarlierLayoutReadsBackToTheSameFiguresAndWritesTheSameDocument() throws IOException {
        JsonNode earlier = fixture("shard-result-v1.json");

        ShardResult read = ResultCodec.decode(earlier.toString());

        assertThat(read.shard()).isEqualTo(new ShardSpec(1, 3));
        assertThat(read.firstPosition()).isEqualTo(300);
        RunResult r = read.result();
        RunResult expected = result();
        assertThat(r.total()).isEqualTo(expected.total());
        assertThat(r.measured()).isEqualTo(expected.measured());
        assertThat(r.window()).isEqualTo(expected.window());
        assertThat(r.latencies().sendToAck()).isEqualTo(expected.latencies().sendToAck());
        assertThat(r.latencies().intended()).isEqualTo(expected.latencies().intended());
        assertThat(r.latencies().scheduleDelay()).isEqualTo(expected.latencies().scheduleDelay());
        assertThat(r.shortfall()).isEqualTo(expected.shortfall());
        assertThat(r.handedBySender()).isEqualTo(expected.handedBySender());
        assertThat(JSON.readTree(ResultCodec.encode(read))).isEqualTo(earlier);
        assertThat(JSON.readTree(ResultCodec.encode(new ShardResult(new ShardSpec(1, 3), 300, 100, expected))))
                .isEqualTo(earlier);
    }

    /** Every figure set and different from the others, so a field that swaps with another shows. */
    static RunResult result() {
        Histogram sendToAck = LatencyHistograms.empty();
        for (long v = 100; v <= 90_000; v += 97) sendToAck.recordValue(v);
        Histogram intended = LatencyHistograms.empty();
        for (long v = 200; v <= 120_000; v += 113) intended.recordValue(v);
        Histogram delay = LatencyHistograms.empty();
        delay.recordValue(5_000);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("run-id", "compat-1");
        settings.put("topic", "logs");
        settings.put("messages", 1_000);
        settings.put("producer", Map.of("acks", "all", "sasl.jaas.config", "****"));
        return Results.builder()
                .runId("compat-1")
                .status(RunResult.Status.INCOMPLETE)
                .stopReason("message count reached")
                .startEpochMillis(1_764_650_000_000L)
                .measuredStartEpochMillis(1_764_650_001_000L)
                .endEpochMillis(1_764_650_004_250L)
                .sent(1_000)
                .failed(7)
                .bytes(124_000)
                .measuredSent(900)
                .measuredBytes(111_600)
                .measuredFailed(5)
                .errors(Map.of("TimeoutException", 7L))
                .sendToAckLatency(sendToAck)
                .intendedLatency(intended)
                .scheduleDelay(delay)
                .compressionRatio(3.25)
                .settings(settings)
                .shortfall(new Shortfall(11, 1_500, 13, new Stalls(1, 2_000, 2_000, 1_764_650_002_000L), Stalls.NONE))
                .fireAndForget(false)
                .handedBySender(Map.of("1/0", 520L, "1/1", 511L))
                .cpuSeconds(2.5)
                .build();
    }

    private static SloGates gates() {
        return new SloGates(0.01, 500.0, Duration.ofMillis(50), null);
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = JsonCompatibilityTest.class.getResourceAsStream("/compat/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
