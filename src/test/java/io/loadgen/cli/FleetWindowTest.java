package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cluster.ShardResult;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.Results;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fleet's throughput spans the first shard's start to the last one's end: that is the fleet's load when the
 * shards sent together (the start barrier), and the report says so when one of them did not, as a pod retried after
 * the others ended does.
 */
class FleetWindowTest {

    private static final long T0 = 1_700_000_000_000L;

    private static ShardResult shard(int index, long startMillis, long endMillis) {
        return new ShardResult(
                new ShardSpec(index, 3),
                index * 10_000L,
                10_000,
                Results.builder()
                        .runId("r")
                        .startEpochMillis(T0 + startMillis)
                        .measuredStartEpochMillis(T0 + startMillis)
                        .endEpochMillis(T0 + endMillis)
                        .sent(10_000)
                        .measuredSent(10_000)
                        .build());
    }

    @Test
    void shardsReleasedTogetherAreOneFleet() {
        assertThat(FleetReport.notTogether(List.of(shard(0, 0, 10_000), shard(1, 50, 10_020), shard(2, 200, 9_990))))
                .isNull();
        // A short unpaced shard may be done before the last one saw the barrier's release: still together.
        assertThat(FleetReport.notTogether(List.of(shard(0, 0, 120), shard(1, 10, 100), shard(2, 400, 520))))
                .isNull();
    }

    @Test
    void aShardRetriedAfterTheOthersEndedIsNamedAndTheReportStillCounts() throws IOException {
        List<ShardResult> shards = List.of(shard(0, 0, 10_000), shard(1, 0, 9_000), shard(2, 39_000, 49_000));
        assertThat(FleetReport.notTogether(shards))
                .isEqualTo("shard 2 started at 2023-11-14T22:13:59Z, 30.0 s after shard 1 had ended");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetReport.print(
                shards,
                3,
                SloGates.NONE,
                GroupWatch.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null,
                null);

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("=== fleet of 3 shards ===");
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("loadgen: warning: the shards of run r did not all send at the same time (shard 2 started"
                        + " at 2023-11-14T22:13:59Z, 30.0 s after shard 1 had ended), so the fleet's throughput is over"
                        + " a span they never shared; a shard retried after the others ended leaves its failed"
                        + " attempt's records on the topic in no result ('loadgen verify' counts the topic)");
    }
}
