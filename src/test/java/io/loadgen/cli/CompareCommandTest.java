package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loadgen compare} on summaries made by hand in the shape {@code ResultJson} writes
 * ({@code src/test/resources/compare/}): a paced run on 6 partitions as the baseline; candidates whose send→ack p99 is
 * 38.2% worse, whose figures stay within 5%, and whose partitions and compression differ. Driven through picocli with
 * the application's error handlers, as {@link Main} wires them; no broker is involved.
 */
@Timeout(30)
class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRegressionPastTheLimitExits3AndNamesTheFigure() {
        Run run = compare("baseline.json", "candidate-regressed.json", "--max-regression", "5%");

        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.SLO_FAILED);
        assertThat(run.loadgenLines())
                .containsExactly(
                        "loadgen: send→ack p99 regressed 38.2% (12.103 ms -> 16.727 ms), over --max-regression 5%");
        assertThat(run.out)
                .contains("differs: loadgen version 0.1.0 vs 0.2.0")
                .doesNotContain("not comparable")
                .containsPattern("send→ack p99 \\(ms\\) +12\\.103 +16\\.727 +\\+38\\.2% +REGRESSED \\(5%\\)")
                .containsPattern("send→ack p99\\.9 \\(ms\\) +25\\.087 +26\\.111 +\\+4\\.1% +within limit \\(5%\\)")
                .containsPattern("from intended p99 \\(ms\\) +13\\.311 +13\\.900 +\\+4\\.4% +within limit")
                .containsPattern("records/s +20,000 +20,000 +\\+0\\.0% +same");
    }

    @Test
    void withoutALimitTheComparisonIsShownAndExits0() {
        Run run = compare("baseline.json", "candidate-regressed.json");

        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.OK);
        assertThat(run.err).isEmpty();
        assertThat(run.out)
                .containsPattern("figure +baseline +candidate +change +verdict")
                .containsPattern("send→ack p99 \\(ms\\) +12\\.103 +16\\.727 +\\+38\\.2% +worse\n")
                .containsPattern("error rate +0% +0% +\\+0\\.0% +same")
                .containsPattern("CPU per M records \\(s\\) +21\\.40 +21\\.40")
                .containsPattern("record size mean \\(B\\) +212\\.3 +212\\.3")
                .doesNotContain("judged against");
    }

    @Test
    void figuresWithinTheLimitPassWithExit0() {
        Run run = compare("baseline.json", "candidate-within.json", "--max-regression", "5");

        assertThat(run.code).as(run.out + run.err).isEqualTo(ExitCodes.OK);
        assertThat(run.loadgenLines()).isEmpty();
        assertThat(run.out)
                .containsPattern("send→ack p99 \\(ms\\) +12\\.103 +12\\.500 +\\+3\\.3% +within limit \\(5%\\)")
                .containsPattern("CPU per M records \\(s\\) +21\\.40 +20\\.10 +-6\\.1% +better")
                .as("the maximum is shown but judged only when named")
                .containsPattern("send→ack max \\(ms\\) +61\\.951 +90\\.200 +\\+45\\.6% +worse\n")
                .contains("judged against --max-regression 5%");
    }

    @Test
    void aLimitOfOneFigureJudgesThatFigureAlone() {
        Run lenient = compare("baseline.json", "candidate-regressed.json", "--max-regression", "p99=40%,throughput=5%");
        Run named = compare("baseline.json", "candidate-within.json", "--max-regression", "1%,max=50%");

        assertThat(lenient.code).as(lenient.err).isEqualTo(ExitCodes.OK);
        assertThat(lenient.out).containsPattern("\\+4\\.1% +worse\n").as("p99.9 has no limit here");
        assertThat(named.code).isEqualTo(ExitCodes.SLO_FAILED);
        assertThat(named.loadgenLines())
                .containsExactly(
                        "loadgen: send→ack p50 regressed 2.6% (3.119 ms -> 3.200 ms), over --max-regression 1%",
                        "loadgen: send→ack p99 regressed 3.3% (12.103 ms -> 12.500 ms), over --max-regression 1%",
                        "loadgen: from intended p99 regressed 1.4% (13.311 ms -> 13.500 ms), over --max-regression 1%");
        assertThat(named.out).containsPattern("send→ack max \\(ms\\) .* within limit \\(max=50%\\)");
    }

    @Test
    void runsThatAreNotComparableAreNamedBeforeTheTableAndAVerdictOnThemIsRefused() throws IOException {
        Run shown = compare("baseline.json", "candidate-different.json");
        Path json = dir.resolve("comparison.json");
        Run refused = compare(
                "baseline.json", "candidate-different.json", "--max-regression", "5%", "--json", json.toString());
        Run allowed =
                compare("baseline.json", "candidate-different.json", "--max-regression", "5%", "--allow-different");

        assertThat(shown.code).isEqualTo(ExitCodes.OK);
        assertThat(shown.out.lines().filter(l -> l.startsWith("not comparable: ")))
                .containsExactly("not comparable: compression.type lz4 vs zstd", "not comparable: partitions 6 vs 12");
        assertThat(shown.out.indexOf("not comparable")).isLessThan(shown.out.indexOf("figure "));
        assertThat(refused.code).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.loadgenLines())
                .containsExactly("loadgen: the runs are not comparable (compression.type lz4 vs zstd; partitions 6 vs"
                        + " 12); --max-regression judges comparable runs only: give --allow-different to judge them"
                        + " anyway");
        assertThat(refused.out).as("the figures are still shown, unjudged").contains("+38.2%  worse");
        assertThat(JSON.readTree(json.toFile()).path("verdict").asText()).isEqualTo("not-comparable");
        assertThat(allowed.code).isEqualTo(ExitCodes.SLO_FAILED);
        assertThat(allowed.loadgenLines()).hasSize(1).allMatch(l -> l.startsWith("loadgen: send→ack p99 regressed"));
    }

    @Test
    void theJsonHasTheSameFiguresAndVerdicts() throws IOException {
        Path json = dir.resolve("comparison.json");

        Run run = compare(
                "baseline.json", "candidate-regressed.json", "--max-regression", "5%", "--json", json.toString());

        assertThat(run.code).isEqualTo(ExitCodes.SLO_FAILED);
        JsonNode doc = JSON.readTree(json.toFile());
        assertThat(doc.path("verdict").asText()).isEqualTo("regressed");
        assertThat(doc.path("maxRegression").asText()).isEqualTo("5%");
        assertThat(doc.path("baseline").path("runId").asText()).isEqualTo("base-1");
        assertThat(doc.path("candidate").path("loadgenVersion").asText()).isEqualTo("0.2.0");
        JsonNode p99 = figure(doc, "p99");
        assertThat(p99.path("baseline").asDouble()).isEqualTo(12.103);
        assertThat(p99.path("candidate").asDouble()).isEqualTo(16.727);
        assertThat(p99.path("changePercent").asDouble()).isBetween(38.2, 38.21);
        assertThat(p99.path("worse").asText()).isEqualTo("higher");
        assertThat(p99.path("limitPercent").asDouble()).isEqualTo(5.0);
        assertThat(p99.path("verdict").asText()).isEqualTo("regressed");
        assertThat(figure(doc, "throughput").path("verdict").asText()).isEqualTo("same");
        assertThat(figure(doc, "record-size").path("verdict").asText()).isEqualTo("shown");
        assertThat(doc.path("regressions")).hasSize(1);
    }

    @Test
    void aMissingFileOrOneThatIsNotASummaryIsBadUsageNamingTheFile() throws IOException {
        Path shardResult = Path.of(resource("/compat/shard-result-v1.json"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"runId\": ");

        Run missing = compare("baseline.json", dir.resolve("nope.json").toString());
        Run notSummary = compare("not-a-summary.json", "baseline.json");
        Run shard = compare("baseline.json", shardResult.toString());
        Run notJson = compare(broken.toString(), "baseline.json");

        for (Run r : List.of(missing, notSummary, shard, notJson)) {
            assertThat(r.code).as(r.err).isEqualTo(ExitCodes.USAGE);
            assertThat(r.loadgenLines()).hasSize(1);
            assertThat(r.out).as("nothing compared").doesNotContain("figure");
        }
        assertThat(missing.loadgenLines().get(0))
                .isEqualTo("loadgen: CANDIDATE " + dir.resolve("nope.json")
                        + " does not exist or is not a readable file; expected the summary JSON of 'loadgen run"
                        + " --summary-json' or 'loadgen report --summary-json'");
        assertThat(notSummary.loadgenLines().get(0))
                .startsWith("loadgen: BASELINE " + fixture("not-a-summary.json")
                        + " is not a loadgen summary (no 'runId' field); expected the summary JSON of");
        assertThat(shard.loadgenLines().get(0))
                .contains(" is a shard result (--result-file), not a summary: merge the shards' results with"
                        + " 'loadgen report --summary-json FILE' and compare that");
        assertThat(notJson.loadgenLines().get(0)).contains(" is not JSON (");
    }

    @Test
    void aMaxRegressionThatIsNotAPercentageIsBadUsage() {
        Run notPct = compare("baseline.json", "candidate-within.json", "--max-regression", "lots");
        Run unknown = compare("baseline.json", "candidate-within.json", "--max-regression", "p95=5%");

        assertThat(notPct.code).isEqualTo(ExitCodes.USAGE);
        assertThat(notPct.loadgenLines())
                .containsExactly("loadgen: Invalid value for option '--max-regression': 'lots' is not a percentage in"
                        + " 'lots'; give a percentage (5%) or FIGURE=PCT pairs (p99=10%,throughput=5%) of throughput,"
                        + " mib, p50, p99, p999, max, intended-p50, intended-p99, intended-p999, error-rate, cpu");
        assertThat(unknown.code).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.loadgenLines().get(0)).contains("no figure 'p95' in 'p95=5%'");
    }

    private static JsonNode figure(JsonNode doc, String key) {
        for (JsonNode f : doc.path("figures")) if (f.path("figure").asText().equals(key)) return f;
        throw new AssertionError("no figure " + key + " in " + doc);
    }

    /** Output of one command line; bare file names are fixtures of src/test/resources/compare. */
    private record Run(int code, String out, String err) {
        List<String> loadgenLines() {
            return err.lines().filter(l -> l.startsWith("loadgen:")).toList();
        }
    }

    private static Run compare(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "compare";
        for (int i = 0; i < args.length; i++) {
            line[i + 1] = args[i].endsWith(".json") && !args[i].contains("/") ? fixture(args[i]) : args[i];
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(LoadgenCommand.class)
                    .setParameterExceptionHandler(ErrorHandlers.BAD_PARAMETER)
                    .setExecutionExceptionHandler(ErrorHandlers.FAILED_EXECUTION)
                    .execute(line);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static String fixture(String name) {
        return Path.of(resource("/compare/" + name)).toString();
    }

    private static java.net.URI resource(String name) {
        try {
            return CompareCommandTest.class.getResource(name).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
