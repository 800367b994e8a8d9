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
    void aCompletedRunThatExits1SaysWhyInOneLine() {
        RunResult allFailed = Results.builder()
                .runId("r")
                .status(RunResult.Status.COMPLETED)
                .stopReason("all 20 records handed to the producer")
                .endEpochMillis(1)
                .failed(20)
                .measuredFailed(20)
                .errors(java.util.Map.of("RecordTooLargeException", 20L))
                .build();
        assertThat(RunCommand.failedBecause(allFailed, GateReport.evaluate(SloGates.NONE, allFailed)))
                .isEqualTo("the run failed: no record was acknowledged; 20 failed (RecordTooLargeException=20)");

        RunResult someFailed = Results.builder()
                .runId("r")
                .status(RunResult.Status.COMPLETED)
                .stopReason("test")
                .endEpochMillis(1)
                .sent(9_000)
                .failed(1_005)
                .measuredSent(9_000)
                .measuredFailed(1_005)
                .errors(java.util.Map.of(
                        "TimeoutException", 1_000L, "A", 2L, "B", 2L, "NotLeaderOrFollowerException", 1L))
                .build();
        assertThat(RunCommand.failedBecause(someFailed, GateReport.evaluate(SloGates.NONE, someFailed)))
                .startsWith("the run failed: 1,005 records failed (TimeoutException=1,000, ")
                .endsWith(", ...), and without --max-error-rate any failed record fails the run");
        assertThat(RunCommand.failedBecause(
                        someFailed, GateReport.evaluate(new SloGates(0.5, null, null, null), someFailed)))
                .as("within an error budget the failures are the gate's to judge")
                .isNull();

        assertThat(RunCommand.failedBecause(
                        result(RunResult.Status.COMPLETED, 0, 0),
                        GateReport.evaluate(SloGates.NONE, result(RunResult.Status.COMPLETED, 0, 0))))
                .isEqualTo("the run failed: no record was acknowledged");
        assertThat(RunCommand.failedBecause(
                        result(RunResult.Status.COMPLETED, 100, 0),
                        GateReport.evaluate(SloGates.NONE, result(RunResult.Status.COMPLETED, 100, 0))))
                .isNull();
        assertThat(RunCommand.failedBecause(
                        result(RunResult.Status.INTERRUPTED, 0, 5),
                        GateReport.evaluate(SloGates.NONE, result(RunResult.Status.INTERRUPTED, 0, 5))))
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
