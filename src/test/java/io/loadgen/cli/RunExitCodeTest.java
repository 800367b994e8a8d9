package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.report.GateReport;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import java.util.Map;
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
    void aCompletedRunThatExits1SaysWhyInOneLine() {
        RunResult allFailed =
                withErrors(result(RunResult.Status.COMPLETED, 0, 20), Map.of("RecordTooLargeException", 20L));
        assertThat(failedBecause(allFailed, SloGates.NONE))
                .isEqualTo("no record was acknowledged; 20 failed (RecordTooLargeException=20)");

        RunResult someFailed = withErrors(
                result(RunResult.Status.COMPLETED, 9_000, 1_005),
                Map.of("TimeoutException", 1_000L, "A", 2L, "B", 2L, "NotLeaderOrFollowerException", 1L));
        assertThat(failedBecause(someFailed, SloGates.NONE))
                .as("most frequent first, ties by name, the first three")
                .isEqualTo("1,005 records failed (TimeoutException=1,000, A=2, B=2, ...), and without"
                        + " --max-error-rate any failed record fails the run");
        assertThat(failedBecause(someFailed, new SloGates(0.5, null, null, null)))
                .as("within an error budget the failures are the gate's to judge")
                .isNull();

        assertThat(failedBecause(result(RunResult.Status.COMPLETED, 0, 0), SloGates.NONE))
                .isEqualTo("no record was acknowledged");
        assertThat(failedBecause(result(RunResult.Status.COMPLETED, 100, 0), SloGates.NONE))
                .isNull();
        RunResult acksZero = Results.from(result(RunResult.Status.COMPLETED, 0, 0))
                .fireAndForget(true)
                .build();
        assertThat(failedBecause(acksZero, SloGates.NONE))
                .as("with acks=0 a record is sent, never acknowledged")
                .isEqualTo("no record was sent");
        assertThat(failedBecause(result(RunResult.Status.INTERRUPTED, 0, 5), SloGates.NONE))
                .as("the title says INTERRUPTED")
                .isNull();
    }

    @Test
    void theHelpTextDocumentsEveryCode() {
        assertThat(ExitCodes.HELP_TEXT).contains("0 ", "1 ", "2 ", "130 ");
    }

    /** The exit code of a lone run without gates. */
    private static int exitCode(RunResult result) {
        return RunCommand.exitCode(result, GateReport.evaluate(SloGates.NONE, result));
    }

    private static String failedBecause(RunResult result, SloGates gates) {
        return RunCommand.failedBecause(result, GateReport.evaluate(gates, result));
    }

    private static RunResult withErrors(RunResult r, Map<String, Long> errors) {
        return Results.from(r).errors(errors).build();
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
