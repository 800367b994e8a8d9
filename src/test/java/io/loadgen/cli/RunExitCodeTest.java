package io.loadgen.cli;

import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue item 7: the outcome of a run maps to the documented exit code. */
@Timeout(10)
class RunExitCodeTest {

    @Test
    void everyRecordAcknowledgedIsSuccess() {
        assertThat(RunCommand.exitCode(result(RunResult.Status.COMPLETED, 100, 0))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anyFailedRecordFailsTheRun() {
        assertThat(RunCommand.exitCode(result(RunResult.Status.COMPLETED, 100, 1))).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aRunThatSentNothingFailed() {
        assertThat(RunCommand.exitCode(result(RunResult.Status.COMPLETED, 0, 0))).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aSignalGivesTheInterruptedCodeWhateverWasSent() {
        assertThat(RunCommand.exitCode(result(RunResult.Status.INTERRUPTED, 100, 0))).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(RunCommand.exitCode(result(RunResult.Status.INTERRUPTED, 0, 5))).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void aRunThatFellShortOfItsScheduleOrLeftRecordsUnconfirmedFailed() {
        RunResult incomplete = new RunResult("r", RunResult.Status.INCOMPLETE, "duration reached", 0, 0, 1, 100, 0, 0, 100, 0, 0,
                Map.of(), LatencyHistograms.empty(), LatencyHistograms.empty(), null, null, Map.of(),
                new Shortfall(76_000, 15_000, 0, Stalls.NONE, Stalls.NONE), false, Map.of());

        assertThat(RunCommand.exitCode(incomplete)).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void theHelpTextDocumentsEveryCode() {
        assertThat(ExitCodes.HELP_TEXT).contains("0 ", "1 ", "2 ", "130 ");
    }

    private static RunResult result(RunResult.Status status, long sent, long failed) {
        return new RunResult("r", status, "test", 0, 0, 1, sent, failed, 0, sent, 0, Map.of(),
                LatencyHistograms.empty(), LatencyHistograms.empty(), null, Map.of());
    }
}
