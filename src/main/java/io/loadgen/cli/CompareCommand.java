package io.loadgen.cli;

import io.loadgen.report.Comparison;
import io.loadgen.report.ComparisonJson;
import io.loadgen.report.ComparisonTable;
import io.loadgen.report.RegressionLimits;
import io.loadgen.report.ResultJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code loadgen compare BASELINE CANDIDATE}: two summaries side by side, and with {@code --max-regression} a verdict a
 * CI job can act on. It reads files only: no broker, no metrics server.
 *
 * <p>Runs that differ in what was asked of them or where they ran are named "not comparable" before the table. A
 * verdict on them would judge the difference, not the candidate: with {@code --max-regression} they are refused
 * (exit 2) unless {@code --allow-different} says the difference is the point.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        sortOptions = false,
        description = "Set two summaries side by side (the --summary-json of 'loadgen run', or of 'loadgen report' "
                + "for a fleet): throughput, send→ack latency, latency from the intended send time when paced, "
                + "error rate, CPU per million records, each with the change in percent and a verdict. Runs whose "
                + "settings, topic, cluster or machine differ are named 'not comparable' before the table.%n",
        footer = {
            "%nExit codes:",
            "  0  compared; with --max-regression, nothing regressed",
            "  2  bad usage: a file missing or not a loadgen summary; or, with",
            "     --max-regression, runs not comparable (without --allow-different)",
            "  3  a figure regressed past --max-regression (each named on stderr)"
        })
public class CompareCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "BASELINE",
            description = "Summary JSON of the run to hold the other against.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Summary JSON of the run judged.")
    Path candidate;

    @Option(
            names = "--max-regression",
            paramLabel = "PCT|FIGURE=PCT[,...]",
            converter = Limits.class,
            completionCandidates = Limits.Figures.class,
            description = "Exit 3 when the candidate is worse than the baseline by more than PCT percent (5%%, 5) "
                    + "in any figure with a direction: throughput and MiB/s lower; latency, error rate, CPU per "
                    + "million records higher. FIGURE=PCT sets one figure's limit (p99=10%%,throughput=5%%); "
                    + "figures: ${COMPLETION-CANDIDATES}. send→ack max is judged only when named.")
    RegressionLimits limits;

    @Option(
            names = "--allow-different",
            description = "Judge runs that are not comparable anyway (the difference is the point: another "
                    + "partition count, another compression).")
    boolean allowDifferent;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws IOException {
        OutputPaths.check(OutputPaths.of("--json", json));
        for (Path input : List.of(baseline, candidate)) {
            if (json != null && OutputPaths.sameFile(input, json)) {
                throw new UsageException("--json " + json + " is one of the summaries to compare; give another file");
            }
        }
        Comparison.Side base = read("BASELINE", baseline);
        Comparison.Side cand = read("CANDIDATE", candidate);
        RegressionLimits judged = limits == null ? RegressionLimits.NONE : limits;
        boolean refused = judged.any() && !allowDifferent;
        Comparison first = Comparison.of(base, cand, judged);
        // Not comparable and not allowed: the table shows the figures unjudged, and the verdict is a refusal.
        refused = refused && !first.comparability().comparable();
        Comparison comparison = refused ? Comparison.of(base, cand, RegressionLimits.NONE) : first;

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(ComparisonTable.text(comparison));
        out.flush();
        List<String> regressions = comparison.regressions();
        String verdict = refused
                ? "not-comparable"
                : !judged.any() ? "compared" : regressions.isEmpty() ? "passed" : "regressed";
        if (json != null) {
            ComparisonJson.write(comparison, verdict, json);
            out.println("comparison written to " + json);
        }
        if (refused) {
            throw new UsageException("the runs are not comparable ("
                    + String.join("; ", comparison.comparability().notComparable())
                    + "); --max-regression judges comparable runs only: give --allow-different to judge them anyway");
        }
        for (String line : regressions) System.err.println("loadgen: " + line);
        return regressions.isEmpty() ? ExitCodes.OK : ExitCodes.SLO_FAILED;
    }

    /** A summary file, or bad usage naming the file and what it should be. */
    private static Comparison.Side read(String role, Path file) {
        String expected =
                "; expected the summary JSON of 'loadgen run --summary-json' or 'loadgen report --summary-json'";
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(role + " " + file + " does not exist or is not a readable file" + expected);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException(role + " " + file + ": " + OutputPaths.reason(e) + expected);
        }
        try {
            return new Comparison.Side(file.toString(), ResultJson.read(text));
        } catch (IllegalArgumentException e) {
            throw new UsageException(role + " " + file + " is " + e.getMessage() + expected);
        }
    }

    /** {@code 5%}, {@code 5}, {@code p99=10%,throughput=5%}, or both: {@code 5%,p99=10%}. */
    static final class Limits implements ITypeConverter<RegressionLimits> {

        /** For the help's ${COMPLETION-CANDIDATES}. */
        static final class Figures implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return Comparison.Figure.judgedKeys().iterator();
            }
        }

        @Override
        public RegressionLimits convert(String value) {
            Double all = null;
            Map<String, Double> byFigure = new HashMap<>();
            for (String item : value.split(",", -1)) {
                String s = item.strip();
                int eq = s.indexOf('=');
                if (eq < 0) {
                    if (all != null) throw bad(value, "one limit for all figures, given twice");
                    all = percent(s, value);
                    continue;
                }
                String figure = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (!Comparison.Figure.judgedKeys().contains(figure)) {
                    throw bad(value, "no figure '" + figure + "'");
                }
                if (byFigure.put(figure, percent(s.substring(eq + 1), value)) != null) {
                    throw bad(value, "'" + figure + "' given twice");
                }
            }
            return new RegressionLimits(all, byFigure);
        }

        private static double percent(String text, String value) {
            String s = text.strip();
            if (s.endsWith("%")) s = s.substring(0, s.length() - 1).strip();
            try {
                if (!s.matches("\\d+(\\.\\d*)?|\\.\\d+")) throw new NumberFormatException(s);
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw bad(value, "'" + text.strip() + "' is not a percentage");
            }
        }

        private static TypeConversionException bad(String value, String why) {
            return new TypeConversionException(why + " in '" + value + "'; give a percentage (5%) or FIGURE=PCT "
                    + "pairs (p99=10%,throughput=5%) of " + String.join(", ", Comparison.Figure.judgedKeys()));
        }
    }
}
