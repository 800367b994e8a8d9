package io.loadgen.cli;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ShardResult;
import io.loadgen.report.FleetTable;
import io.loadgen.report.GateReport;
import io.loadgen.report.HtmlReport;
import io.loadgen.report.ResultJson;
import io.loadgen.report.SummaryPrinter;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.RunResult;
import io.loadgen.watch.GroupReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fleet's verdict from its shards' results: counts and histograms merged exactly ({@link RunResult#plus}),
 * gates applied to the fleet, a per-shard table, and missing shards named. Used by {@code loadgen report} and by
 * shard 0 after its own run.
 */
final class FleetReport {

    /** A warm-up count as the settings print it ({@code Warmup#toString}). */
    private static final Pattern WARMUP_RECORDS = Pattern.compile("(\\d+) records");

    private FleetReport() {}

    /**
     * A shard result and where it came from: a file as given on the command line, or null for the results topic.
     * Only for naming it in messages.
     */
    record Sourced(ShardResult result, String file) {}

    /**
     * Prints the report of results read from the results topic (every result of one run, in the order published) and
     * returns the fleet's exit code; see {@link #report}.
     */
    static int print(
            List<ShardResult> shards,
            int expectedShards,
            SloGates gates,
            GroupWatch watch,
            PrintStream out,
            PrintStream err,
            Path summaryJson,
            Path reportHtml)
            throws IOException {
        return report(
                shards.stream().map(s -> new Sourced(s, null)).toList(),
                expectedShards,
                gates,
                watch,
                out,
                err,
                summaryJson,
                reportHtml);
    }

    /**
     * Prints the report and returns the fleet's exit code: 1 when a shard is missing (named on {@code err}) or the
     * results disagree on the fleet's size, else as for one run. The fleet's size comes from the results themselves
     * (each carries its shard count). A shard given more than once (the same file twice, two files of one shard, a
     * retried pod that published again) is counted once, the last one given, with a line on {@code err}.
     *
     * @param expectedShards the user's --shard-count, or 0; when given it must agree with the results
     * @param watch          the limits of the watched groups' lag (the groups themselves come with shard 0's result)
     * @param summaryJson    where to write the fleet's summary as JSON, or null
     * @param reportHtml     where to write the fleet's HTML report, or null
     * @throws UsageException results of several runs, or a --shard-count the results contradict
     */
    static int report(
            List<Sourced> given,
            int expectedShards,
            SloGates gates,
            GroupWatch watch,
            PrintStream out,
            PrintStream err,
            Path summaryJson,
            Path reportHtml)
            throws IOException {
        if (given.isEmpty()) {
            err.println("loadgen: no shard results found");
            return ExitCodes.RUN_FAILED;
        }
        List<String> runIds =
                given.stream().map(s -> s.result().result().runId()).distinct().toList();
        if (runIds.size() > 1) {
            throw new UsageException("the results are of " + runIds.size() + " runs (" + String.join(", ", runIds)
                    + "); choose one with --run-id");
        }
        String runId = runIds.get(0);
        Picked picked = onePerShard(given, runId, err);
        List<ShardResult> shards = picked.shards();

        Map<Integer, List<ShardResult>> byCount = shards.stream()
                .collect(Collectors.groupingBy(s -> s.shard().count(), TreeMap::new, Collectors.toList()));
        if (byCount.size() > 1) {
            err.println("loadgen: the results of run " + runId + " disagree on the fleet's size: "
                    + byCount.entrySet().stream()
                            .map(e -> "shard" + (e.getValue().size() == 1 ? " " : "s ")
                                    + e.getValue().stream()
                                            .map(s -> String.valueOf(s.shard().index()))
                                            .collect(Collectors.joining(", "))
                                    + " of " + e.getKey())
                            .collect(Collectors.joining("; "))
                    + "; not merged");
            return ExitCodes.RUN_FAILED;
        }
        int expected = byCount.keySet().iterator().next();
        if (expectedShards > 0 && expectedShards != expected) {
            throw new UsageException("--shard-count " + expectedShards + " disagrees with the results of run " + runId
                    + ", which are of a fleet of " + expected + " shard" + (expected == 1 ? "" : "s"));
        }
        // Said before the report, which it qualifies: the fleet's figures span the first start to the last end.
        String apart = notTogether(shards);
        if (apart != null) {
            err.println("loadgen: warning: the shards of run " + runId + " did not all send at the same time (" + apart
                    + "), so the fleet's throughput is over a span they never shared; a shard retried after the "
                    + "others ended leaves its failed attempt's records on the topic in no result ('loadgen verify'"
                    + " counts the topic)");
        }
        Set<Integer> present = shards.stream().map(s -> s.shard().index()).collect(Collectors.toSet());
        List<Integer> missing = IntStream.range(0, expected)
                .filter(i -> !present.contains(i))
                .boxed()
                .toList();

        RunResult fleet =
                shards.stream().map(ShardResult::result).reduce(RunResult::plus).orElseThrow();
        // A shard's reason ("all 10000 records handed to the producer") next to the fleet's 30,000 would read as
        // a contradiction: say whose reason it is.
        if (shards.size() > 1) fleet = fleet.withStopReason(shardReasons(shards));
        fleet = fleet.withSettings(fleetSettings(shards, expected));
        List<GroupReport> groups =
                shards.stream().flatMap(s -> s.groups().stream()).toList();
        GateReport verdict = GateReport.evaluate(gates, fleet).withGroups(watch, groups);
        out.println("\n=== fleet of " + expected + " shard" + (expected == 1 ? "" : "s")
                + (missing.isEmpty() ? "" : ": results of " + shards.size() + ", " + missingText(missing) + " missing")
                + " ===");
        SummaryPrinter.print(fleet, verdict, groups, out);
        out.println();
        out.print(FleetTable.text(shards.stream()
                .map(s -> new FleetTable.Row(s.shard().toString(), s.firstPosition(), s.positions(), s.result()))
                .toList()));
        out.flush();
        if (summaryJson != null) ResultJson.write(fleet, verdict, groups, summaryJson);
        if (reportHtml != null) {
            HtmlReport.write(
                    fleet,
                    verdict,
                    groups,
                    shards.stream()
                            .map(s -> new HtmlReport.Shard(s.shard().toString(), s.result()))
                            .toList(),
                    reportHtml);
            out.println("report written to " + reportHtml);
        }
        if (!missing.isEmpty()) {
            err.println("loadgen: incomplete fleet report: no result from " + missingText(missing) + " of run " + runId
                    + " (a fleet of " + expected + ")");
            return ExitCodes.RUN_FAILED;
        }
        List<Integer> ranTwice = picked.ranTwice();
        if (!ranTwice.isEmpty()) {
            err.println("loadgen: the fleet report undercounts: " + missingText(ranTwice) + " of run " + runId
                    + (ranTwice.size() == 1 ? " has" : " have") + " different results, so two processes ran as one"
                    + " shard (the same JOB_COMPLETION_INDEX or --shard-index twice?) and its share is on the topic"
                    + " twice, while the report counts one");
            return ExitCodes.RUN_FAILED;
        }
        int code = RunCommand.exitCode(fleet, verdict);
        String failedBecause = RunCommand.failedBecause(fleet, verdict);
        if (code == ExitCodes.RUN_FAILED && failedBecause != null)
            err.println("loadgen: the fleet failed: " + failedBecause);
        return code;
    }

    /**
     * How far apart (one shard's end to another's start) shards may be and still count as one fleet's load: the start
     * barrier releases them within a poll of each other, and a short unpaced shard can be done before the last one
     * sees the release. A pod retried after the others ended starts many seconds later.
     */
    static final long APART_MILLIS = 1_000;

    /**
     * Null when the shards sent at the same time (or nearly, {@link #APART_MILLIS}); else which shard began after
     * which one had ended. The fleet's figures span the first start to the last end, which is the fleet's load only
     * when the shards overlapped.
     */
    static String notTogether(List<ShardResult> shards) {
        ShardResult lastToStart = shards.get(0);
        ShardResult firstToEnd = shards.get(0);
        for (ShardResult s : shards) {
            if (s.result().window().startEpochMillis()
                    > lastToStart.result().window().startEpochMillis()) lastToStart = s;
            if (s.result().window().endEpochMillis()
                    < firstToEnd.result().window().endEpochMillis()) firstToEnd = s;
        }
        long start = lastToStart.result().window().startEpochMillis();
        long end = firstToEnd.result().window().endEpochMillis();
        if (shards.size() < 2 || start - end <= APART_MILLIS) return null;
        return "shard " + lastToStart.shard().index() + " started at " + Instant.ofEpochMilli(start) + ", "
                + String.format(Locale.ROOT, "%.1f", (start - end) / 1000.0) + " s after shard "
                + firstToEnd.shard().index() + " had ended";
    }

    private static String missingText(List<Integer> missing) {
        return "shard" + (missing.size() == 1 ? " " : "s ")
                + missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The last result given of each shard, in shard order, and the shards given different results. */
    record Picked(List<ShardResult> shards, List<Integer> ranTwice) {}

    /**
     * Picks one result per shard. The same result twice (a file named twice, a result published again) is one run of
     * the shard, said once on err. A retried pod whose earlier attempt's result is on the topic sends and publishes
     * nothing, so different results mean two processes sent that shard's share: those are left to the caller, which
     * fails the report.
     */
    static Picked onePerShard(List<Sourced> given, String runId, PrintStream err) {
        Map<Integer, List<Sourced>> byIndex = given.stream()
                .collect(Collectors.groupingBy(s -> s.result().shard().index(), TreeMap::new, Collectors.toList()));
        List<ShardResult> shards = new ArrayList<>();
        List<Integer> ranTwice = new ArrayList<>();
        byIndex.forEach((index, results) -> {
            shards.add(results.get(results.size() - 1).result());
            if (results.size() == 1) return;
            if (differ(results)) {
                ranTwice.add(index);
                return;
            }
            String times = results.size() == 2 ? "twice" : results.size() + " times";
            if (results.stream().allMatch(s -> s.file() == null)) {
                err.println("loadgen: shard " + index + " of run " + runId + " published " + times
                        + " to the results topic (a retried pod?); the last one counted");
            } else {
                err.println("loadgen: shard " + index + " of run " + runId + " given " + times + " ("
                        + results.stream()
                                .map(s -> s.file() == null ? "the results topic" : s.file())
                                .collect(Collectors.joining(", "))
                        + "); counted once");
            }
        });
        return new Picked(shards, ranTwice);
    }

    private static boolean differ(List<Sourced> results) {
        return results.stream()
                        .map(s -> ResultCodec.encode(s.result()))
                        .distinct()
                        .count()
                > 1;
    }

    /**
     * The settings the fleet ran with, from its shards' own. {@code --records}, {@code --rate} and a warm-up count
     * are fleet totals that each shard took its share of, so the fleet's are the sums of the shards present; a shard's
     * place in the fleet becomes the fleet's size. The rest (topic, payload, producer settings) is the same on every
     * shard and is shown as the lowest shard's. A rate that changes over time (a ramp, steps) cannot be added up as
     * text: it is shown as one shard's, said to be per shard. With shards missing, the sums are of the results present,
     * and a {@code results} entry says so.
     *
     * @param shards one result per shard, in index order, as {@link #onePerShard} picks them
     */
    static Map<String, Object> fleetSettings(List<ShardResult> shards, int expected) {
        List<Map<String, Object>> each =
                shards.stream().map(s -> s.result().settings()).toList();
        Map<String, Object> fleet = new LinkedHashMap<>();
        each.get(0).forEach((key, value) -> {
            switch (key) {
                case "records" -> fleet.put(key, sum(each, key, value));
                case "rate" -> {
                    Object sum = sum(each, key, value);
                    fleet.put(key, sum instanceof Number || "unlimited".equals(sum) ? sum : sum + " on each shard");
                }
                case "warmup" -> fleet.put(key, warmupRecords(each, value));
                case "shard" -> {
                    fleet.put("shards", expected);
                    if (each.size() < expected) {
                        fleet.put(
                                "results",
                                "of " + each.size() + " shards: records, rate and warm-up add up theirs, not the"
                                        + " fleet's");
                    }
                }
                default -> fleet.put(key, value);
            }
        });
        return fleet;
    }

    /**
     * The sum of a numeric setting over the shards, of the shards' type (a count stays a whole number, a rate a
     * decimal one, as in a single run's settings); the first shard's value when any is not a number.
     */
    private static Object sum(List<Map<String, Object>> each, String key, Object first) {
        if (!each.stream().allMatch(m -> m.get(key) instanceof Number)) return first;
        if (each.stream().allMatch(m -> m.get(key) instanceof Long || m.get(key) instanceof Integer)) {
            return each.stream()
                    .mapToLong(m -> ((Number) m.get(key)).longValue())
                    .sum();
        }
        // Shares of a fractional rate (rate / count) add back up to it but for the last binary digits.
        double sum = each.stream()
                .mapToDouble(m -> ((Number) m.get(key)).doubleValue())
                .sum();
        return Math.round(sum * 1e6) / 1e6;
    }

    /** "N records" added up over the shards (a warm-up count is a fleet total); a warm-up time is every shard's. */
    private static Object warmupRecords(List<Map<String, Object>> each, Object first) {
        long total = 0;
        for (Map<String, Object> m : each) {
            Matcher count = WARMUP_RECORDS.matcher(String.valueOf(m.get("warmup")));
            if (!count.matches()) return first;
            total += Long.parseLong(count.group(1));
        }
        return total + " records";
    }

    /** "each shard: R" when the shards agree, else their distinct reasons (the first few: a fleet may be large). */
    static String shardReasons(List<ShardResult> shards) {
        List<String> distinct =
                shards.stream().map(s -> s.result().stopReason()).distinct().toList();
        if (distinct.size() == 1) return "each shard: " + distinct.get(0);
        String shown = String.join("; ", distinct.subList(0, Math.min(3, distinct.size())));
        return "shards: " + shown + (distinct.size() > 3 ? "; ..." : "");
    }
}
