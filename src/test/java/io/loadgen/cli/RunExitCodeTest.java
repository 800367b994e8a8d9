package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.report.GateReport;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue item 7: the outcome of a run maps to the documented exit code. */
@Timeout(10)
class RunExitCodeTest {

    @Test
    void everyRecordAcknowledgedIsSuccess() {
        assertThat(exitCode(result(RunResult.Status.COMPLETED, 100, 0))).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anyFailedRecordFailsTheRun() {
        assertThat(exitCode(result(RunResult.Status.COMPLETED, 100, 1))).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aRunThatSentNothingFailed() {
        assertThat(exitCode(result(RunResult.Status.COMPLETED, 0, 0))).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aSignalGivesTheInterruptedCodeWhateverWasSent() {
        assertThat(exitCode(result(RunResult.Status.INTERRUPTED, 100, 0))).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(exitCode(result(RunResult.Status.INTERRUPTED, 0, 5))).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void aRunThatFellShortOfItsScheduleOrLeftRecordsUnconfirmedFailed() {
        RunResult incomplete = Results.builder()
                .runId("r")
                .status(RunResult.Status.INCOMPLETE)
                .stopReason("duration reached")
                .endEpochMillis(1)
                .sent(100)
                .measuredSent(100)
                .shortfall(new Shortfall(76_000, 15_000, 0, Stalls.NONE, Stalls.NONE))
                .build();

        assertThat(exitCode(incomplete)).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aMissedGateFailsALoneRunButNotAShardOfAFleetWhoseGatesAreJudgedOnTheFleet() {
        RunResult r = result(RunResult.Status.COMPLETED, 100, 0);
        GateReport missed = GateReport.evaluate(new SloGates(null, 1e9, null, null), r);

        assertThat(RunCommand.exitCode(r, missed, false)).isEqualTo(ExitCodes.SLO_FAILED);
        assertThat(RunCommand.exitCode(r, missed, true)).isEqualTo(ExitCodes.OK);
        assertThat(RunCommand.exitCode(result(RunResult.Status.COMPLETED, 100, 3), missed, true))
                .as("a shard's own failed records still fail it")
                .isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(new SloGates(0.01, 3_000.0, null, null).share(3)).isEqualTo(new SloGates(0.01, 1_000.0, null, null));
    }

    @Test
    void theHelpTextDocumentsEveryCode() {
        assertThat(ExitCodes.HELP_TEXT).contains("0 ", "1 ", "2 ", "130 ");
    }

    /** The exit code of a lone run without gates. */
    private static int exitCode(RunResult result) {
        return RunCommand.exitCode(result, GateReport.evaluate(SloGates.NONE, result));
    }

    private static RunResult result(RunResult.Status status, long sent, long failed) {
        return Results.builder()
                .runId("r")
                .status(status)
                .stopReason("test")
                .endEpochMillis(1)
                .sent(sent)
                .failed(failed)
                .measuredSent(sent)
                .measuredFailed(failed)
                .build();
    }
}
