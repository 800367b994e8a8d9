package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ShardResult;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.watch.GroupReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 2: lag is a figure of the whole topic, so shard 0 watches and the fleet report carries what it saw.
 * The shard results go through their wire form, as they do through the results topic.
 */
@Timeout(20)
class FleetGroupsTest {

    private static final GroupReport BEHIND = new GroupReport(
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
            List.of());

    @TempDir
    Path dir;

    @Test
    void theFleetReportShowsShard0sGroupsAndJudgesTheirGates() throws IOException {
        RunResult each = Results.builder()
                .sent(16_000)
                .measuredSent(16_000)
                .endEpochMillis(8_000)
                .build();
        List<ShardResult> shards = List.of(
                wire(new ShardResult(new ShardSpec(0, 2), 0, 16_000, each, List.of(BEHIND))),
                wire(new ShardResult(new ShardSpec(1, 2), 16_000, 16_000, each)));
        GroupWatch gates = new GroupWatch(List.of("ingestor"), Duration.ofSeconds(2), 5_000L, null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("fleet.json");

        int code = FleetReport.print(
                shards,
                2,
                SloGates.NONE,
                gates,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err,
                json,
                null);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(ExitCodes.SLO_FAILED);
        assertThat(text)
                .contains("=== fleet of 2 shards ===")
                .contains("group ingestor     fell behind from t = 1.0 s: 3,996/s produced against 808/s consumed")
                .contains("FAIL  max-consumer-lag[ingestor] 25,854 records, limit 5,000 records: over by 20,854");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("records").path("sent").asLong()).isEqualTo(32_000);
        assertThat(doc.path("consumerGroups")).hasSize(1);
        assertThat(doc.path("consumerGroups").path(0).path("verdict").asText()).isEqualTo("fell-behind");
    }

    private static ShardResult wire(ShardResult r) {
        return ResultCodec.decode(ResultCodec.encode(r));
    }
}
