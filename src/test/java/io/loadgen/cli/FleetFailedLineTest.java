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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shard 0's exit code is the fleet's verdict, and a Job's log may show only stderr: when the fleet's records failed
 * and no --max-error-rate allows them, one line says so, as a single run's does.
 */
class FleetFailedLineTest {

    private static final long T0 = 1_700_000_000_000L;

    private static ShardResult shard(int index, long failed) {
        return new ShardResult(
                new ShardSpec(index, 2),
                index * 1_000L,
                1_000,
                Results.builder()
                        .runId("r")
                        .startEpochMillis(T0)
                        .measuredStartEpochMillis(T0)
                        .endEpochMillis(T0 + 1_000)
                        .sent(1_000 - failed)
                        .measuredSent(1_000 - failed)
                        .failed(failed)
                        .measuredFailed(failed)
                        .errors(failed == 0 ? Map.of() : Map.of("TimeoutException", failed))
                        .build());
    }

    private static String[] report(SloGates gates, ShardResult... shards) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FleetReport.print(
                List.of(shards),
                2,
                gates,
                GroupWatch.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null,
                null);
        return new String[] {
            String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip()
        };
    }

    @Test
    void failedRecordsWithoutABudgetAreNamedOnStderr() throws IOException {
        String[] failed = report(SloGates.NONE, shard(0, 0), shard(1, 7));
        assertThat(failed[0]).isEqualTo(String.valueOf(ExitCodes.RUN_FAILED));
        assertThat(failed[1])
                .isEqualTo("loadgen: the fleet failed: 7 records failed (TimeoutException=7), and without"
                        + " --max-error-rate any failed record fails the run");

        String[] withinBudget = report(new SloGates(0.01, null, null, null), shard(0, 0), shard(1, 7));
        assertThat(withinBudget[0]).isEqualTo(String.valueOf(ExitCodes.OK));
        assertThat(withinBudget[1]).isEmpty();

        String[] clean = report(SloGates.NONE, shard(0, 0), shard(1, 0));
        assertThat(clean[0]).isEqualTo(String.valueOf(ExitCodes.OK));
        assertThat(clean[1]).isEmpty();
    }
}
