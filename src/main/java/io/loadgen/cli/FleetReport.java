package io.loadgen.cli;

import io.loadgen.cluster.ShardResult;
import io.loadgen.report.FleetTable;
import io.loadgen.report.GateReport;
import io.loadgen.report.ResultJson;
import io.loadgen.report.SummaryPrinter;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fleet's verdict from its shards' results: counts and histograms merged exactly ({@link RunResult#plus}),
 * gates applied to the fleet, a per-shard table, and missing shards named. Used by {@code loadgen report} and by
 * shard 0 after its own run.
 */
final class FleetReport {

    private FleetReport() {
    }

    /**
     * Prints the report and returns the fleet's exit code: 1 when a shard is missing, else as for one run.
     *
     * @param expectedShards shards that should have reported; 0 takes the count the results carry
     */
    static int print(List<ShardResult> shards, int expectedShards, SloGates gates, PrintStream out, PrintStream err,
                     Path summaryJson) throws IOException {
        if (shards.isEmpty()) {
            err.println("loadgen: no shard results found");
            return ExitCodes.RUN_FAILED;
        }
        int expected = expectedShards > 0 ? expectedShards : shards.get(0).shard().count();
        Set<Integer> present = shards.stream().map(s -> s.shard().index()).collect(Collectors.toSet());
        List<Integer> missing = IntStream.range(0, expected).filter(i -> !present.contains(i)).boxed().toList();

        RunResult fleet = shards.stream().map(ShardResult::result).reduce(RunResult::plus).orElseThrow();
        // A shard's reason ("all 10000 records handed to the producer") next to the fleet's 30,000 would read as
        // a contradiction: say whose reason it is.
        if (shards.size() > 1) fleet = fleet.withStopReason(shardReasons(shards));
        GateReport verdict = GateReport.evaluate(gates, fleet);
        out.println("\n=== fleet of " + shards.size() + " shard" + (shards.size() == 1 ? "" : "s") + " ===");
        SummaryPrinter.print(fleet, verdict, out);
        out.println();
        out.print(FleetTable.text(shards.stream()
                .map(s -> new FleetTable.Row(s.shard().toString(), s.firstPosition(), s.positions(), s.result())).toList()));
        out.flush();
        if (summaryJson != null) ResultJson.write(fleet, verdict, summaryJson);
        if (!missing.isEmpty()) {
            err.println("loadgen: incomplete fleet report: no result from shard" + (missing.size() == 1 ? " " : "s ")
                    + missing.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            return ExitCodes.RUN_FAILED;
        }
        return RunCommand.exitCode(fleet, verdict);
    }

    /** "each shard: R" when the shards agree, else their distinct reasons (the first few: a fleet may be large). */
    static String shardReasons(List<ShardResult> shards) {
        List<String> distinct = shards.stream().map(s -> s.result().stopReason()).distinct().toList();
        if (distinct.size() == 1) return "each shard: " + distinct.get(0);
        String shown = String.join("; ", distinct.subList(0, Math.min(3, distinct.size())));
        return "shards: " + shown + (distinct.size() > 3 ? "; ..." : "");
    }
}
