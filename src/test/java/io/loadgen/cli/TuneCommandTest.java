package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loadgen tune} as a user runs it, against the real in-JVM broker: tiny trials, a small budget, and what a
 * user reads afterwards (the table, the best settings ready to paste, the verdict, the JSON, the chart).
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(180)
class TuneCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hunter2-tune-secret";

    @TempDir
    Path dir;

    @Test
    void aShortTuneEndsWithinItsBudgetAndReportsABestAtLeastAsFastAsTheStart(QuarkusMainLauncher launcher)
            throws Exception {
        String prefix = KafkaBroker.uniqueTopic("tune");
        Path json = dir.resolve("tune.json");
        Path chart = dir.resolve("tune.html");
        int budgetSeconds = 45;

        LaunchResult run = launcher.launch(
                "tune",
                "--budget",
                budgetSeconds + "s",
                "--jvm-warmup",
                "2s",
                "--trial-warmup",
                "1s",
                "--trial-time",
                "2s",
                "--knobs",
                "linger-ms,batch-size",
                "--linger-ms",
                "0",
                "--batch-size",
                "16384",
                "--threads",
                "1",
                "--partitions",
                "3",
                "--topic-prefix",
                prefix,
                "--tune-json",
                json.toString(),
                "--chart",
                chart.toString(),
                "--producer-property",
                "ssl.key.password=" + SECRET);

        assertThat(run.exitCode())
                .as("stderr:%n%s%nstdout:%n%s", run.getErrorOutput(), run.getOutput())
                .isZero();
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        String out = run.getOutput();
        JsonNode doc = JSON.readTree(json.toFile());
        JsonNode trials = doc.path("trials");

        // the budget, timed by the command from its start to its report (the test's launcher adds the application's
        // build and boot, which no budget can include)
        assertThat(doc.path("budgetSeconds").asDouble()).isEqualTo(budgetSeconds);
        assertThat(doc.path("elapsedSeconds").asDouble()).isLessThanOrEqualTo(budgetSeconds);
        assertThat(out).containsPattern("=== loadgen tune: maximum throughput; \\d+ trials in \\d+ s of a 45 s budget");
        // the JVM warm-up ran first, unmeasured, and is not a trial
        assertThat(out).contains("warming up the JVM: 2s with the starting settings, not measured");
        assertThat(out.indexOf("warming up the JVM")).isLessThan(out.indexOf("trial 1 ("));
        // a progress line per trial, and a table row per trial
        assertThat(trials.size()).isGreaterThanOrEqualTo(2);
        assertThat(run.getOutputStream())
                .filteredOn(l -> l.matches("trial \\d+ \\(.*\\) threads=.*records/s.*budget left \\d+ s]"))
                .hasSize(trials.size());
        assertThat(run.getOutputStream())
                .filteredOn(l -> l.matches("\\s*\\d+ [*f ]? +(baseline|knob \\S+|confirm) .*"))
                .hasSize(trials.size());
        // the first trial is the starting point; the best is at least as fast (it may be the start itself)
        JsonNode first = trials.get(0);
        assertThat(first.path("phase").asText()).isEqualTo("baseline");
        assertThat(first.path("settings").path("linger-ms").asText()).isEqualTo("0");
        assertThat(first.path("settings").path("batch-size").asText()).isEqualTo("16384");
        assertThat(first.path("ok").asBoolean()).isTrue();
        assertThat(first.path("recordsPerSecond").asDouble()).isPositive();
        JsonNode best = doc.path("best");
        // the start may have been measured twice (the confirmation re-measures it beside the winner): compare means
        double start = java.util.stream.StreamSupport.stream(trials.spliterator(), false)
                .filter(t -> t.path("settings").equals(first.path("settings")))
                .mapToDouble(t -> t.path("recordsPerSecond").asDouble())
                .average()
                .orElseThrow();
        assertThat(best.path("recordsPerSecond").asDouble()).isGreaterThanOrEqualTo(start);
        assertThat(best.path("settings").path("threads").asText())
                .as("not searched")
                .isEqualTo("1");
        assertThat(best.path("bottleneck").path("kind").asText())
                .isIn("buffer-bound", "in-flight-bound", "broker-bound", "generator-bound");
        assertThat(best.path("bottleneck").path("evidence")).isNotEmpty();
        assertThat(trials).allSatisfy(t -> {
            assertThat(t.path("settings").path("threads").asText()).isEqualTo("1");
            assertThat(t.path("settings").path("compression").asText())
                    .as("not searched")
                    .isEqualTo("lz4");
        });
        // the settings to paste, as env vars, properties and run options, with acks fixed
        String lingerMs = best.path("settings").path("linger-ms").asText();
        String batchSize = best.path("settings").path("batch-size").asText();
        assertThat(out)
                .contains(
                        "best:",
                        "bottleneck: ",
                        "trade-off frontier",
                        "LOADGEN_LINGER_MS=" + lingerMs,
                        "LOADGEN_BATCH_SIZE=" + batchSize,
                        "LOADGEN_ACKS=1",
                        "LOADGEN_IDEMPOTENCE=false",
                        "loadgen.linger-ms=" + lingerMs,
                        "loadgen run --threads 1 ",
                        "--batch-size " + batchSize);
        assertThat(doc.path("apply").path("env").path("LOADGEN_LINGER_MS").asText())
                .isEqualTo(lingerMs);
        // the rerun that measures what a trial measured: JVM warm-up + trial warm-up left out, then one trial's window
        String check = doc.path("apply").path("check").asText();
        assertThat(check)
                .startsWith("loadgen run --threads 1 ")
                .contains("--linger-ms " + lingerMs)
                .endsWith("--warmup 3s --duration 5s --create-topic");
        assertThat(out).contains("check it", check);
        assertThat(doc.path("frontier")).isNotEmpty();
        // the chart: self-contained, one point per clean trial
        String html = Files.readString(chart);
        assertThat(html)
                .contains("<svg", "p99 latency", "best #")
                .doesNotContain("<script", "src=", "href=", "@import");
        long cleanTrials = java.util.stream.StreamSupport.stream(trials.spliterator(), false)
                .filter(t -> t.path("ok").asBoolean() && t.path("errors").asLong() == 0)
                .count();
        assertThat(html.split("<circle", -1).length - 1).isEqualTo((int) cleanTrials);
        // secrets never printed; trial topics deleted
        assertThat(out + run.getErrorOutput() + Files.readString(json) + html).doesNotContain(SECRET);
        assertThat(topicsStartingWith(prefix)).as("trial topics left behind").isEmpty();
    }

    @Test
    void underAnSloItSearchesTheRateAndEveryWinnerMeetsIt(QuarkusMainLauncher launcher) throws Exception {
        Path json = dir.resolve("slo.json");

        LaunchResult run = launcher.launch(
                "tune",
                "--slo-p99",
                "500ms",
                "--budget",
                "35s",
                "--trial-warmup",
                "1s",
                "--trial-time",
                "2s",
                "--jvm-warmup",
                "0",
                "--knobs",
                "linger-ms",
                "--threads",
                "1",
                "--partitions",
                "3",
                "--template",
                "app-json",
                "--keys",
                "zipf:100:1.1",
                "--topic-prefix",
                KafkaBroker.uniqueTopic("tune-slo"),
                "--tune-json",
                json.toString(),
                "--chart",
                "none");

        // the trials send the template's records (issue 18): the start line names them
        assertThat(run.getOutput()).contains("records: template app-json (JSON records, keys zipf:100:1.1)");
        JsonNode doc = JSON.readTree(json.toFile());
        JsonNode trials = doc.path("trials");
        assertThat(trials.get(0).path("recordsPerSecond").asDouble())
                .as("a trial of template records sent some")
                .isPositive();
        assertThat(doc.path("objective").asText()).isEqualTo("p99-slo");
        assertThat(doc.path("sloP99Ms").asDouble()).isEqualTo(500.0);
        assertThat(trials.get(0).path("phase").asText()).isEqualTo("capacity");
        assertThat(trials.get(0).path("settings").has("rate"))
                .as("the capacity trial is unpaced")
                .isFalse();
        assertThat(trials.size()).isGreaterThanOrEqualTo(2);
        assertThat(trials.get(1).path("settings").path("rate").asDouble())
                .as("first probe: 80% of the capacity")
                .isCloseTo(
                        0.8 * trials.get(0).path("recordsPerSecond").asDouble(),
                        org.assertj.core.data.Offset.offset(1.0));
        assertThat(trials.get(1).path("latencyBasis").asText()).isEqualTo("intended");
        JsonNode best = doc.path("best");
        if (best.isNull() || best.isMissingNode()) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(run.getErrorOutput()).contains("loadgen: no trial succeeded in meeting --slo-p99");
        } else {
            assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
            assertThat(best.path("p99Ms").asDouble()).isLessThanOrEqualTo(500.0);
            assertThat(run.getOutput())
                    .contains(
                            "LOADGEN_RATE=" + best.path("settings").path("rate").asText());
            int bestTrial = best.path("trials").get(0).asInt();
            assertThat(trials.get(bestTrial - 1).path("meetsSlo").asBoolean()).isTrue();
        }
        assertThat(doc.path("elapsedSeconds").asDouble()).isLessThanOrEqualTo(35);
    }

    @Test
    void anUnreachableBrokerFailsOnceWithOneLine(QuarkusMainLauncher launcher) {
        long started = System.nanoTime();

        LaunchResult run = launcher.launch(
                "tune",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-timeout",
                "2s",
                "--budget",
                "1m",
                "--chart",
                "none");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .startsWith("loadgen: cannot reach Kafka at 127.0.0.1:1 within 2.0 s (--connect-timeout)");
        // Well under the 1-minute budget that trial after trial of connect timeouts would fill; the rest is the
        // launch of the app itself, which a busy machine can stretch to many seconds.
        assertThat((System.nanoTime() - started) / 1e9)
                .as("one connect timeout, not a budget of them")
                .isLessThan(40);
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }

    @Test
    void badUsageExitsTwoWithOneLineNamingTheOption(QuarkusMainLauncher launcher) {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "--knobs threads,acks",
                "loadgen: --knobs takes a comma-separated list of threads, producers, compression, "
                        + "batch-size, linger-ms, max-in-flight; got 'acks'");
        cases.put(
                "--budget 5s",
                "loadgen: --budget 5s is shorter than one trial (--trial-warmup 2s + --trial-time 8s + about 2s to set up, after "
                        + "--jvm-warmup 10s); give at least 24s");
        cases.put("--budget soon", "loadgen: Invalid value for option '--budget': 'soon' is not a duration");
        cases.put("--slo-p99 fast", "loadgen: --slo-p99 takes a time such as 50ms, 1.5s or 500us; got 'fast'");
        cases.put(
                "--compression brotli",
                "loadgen: --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli'");
        cases.put("--trial-time 0s", "loadgen: --trial-time must be longer than 0");

        SoftAssertions.assertSoftly(softly -> cases.forEach((args, firstLine) -> {
            String[] argv = ("tune --chart none " + args).split(" ");
            LaunchResult run = launcher.launch(argv);

            softly.assertThat(run.exitCode())
                    .as("%s: %s", args, run.getErrorOutput())
                    .isEqualTo(ExitCodes.USAGE);
            softly.assertThat(run.getErrorStream())
                    .as(args)
                    .filteredOn(l -> l.startsWith("loadgen:"))
                    .singleElement()
                    .asString()
                    .startsWith(firstLine);
            softly.assertThat(run.getOutput()).as("%s: no trial ran", args).doesNotContain("trial 1");
        }));
    }

    @Test
    void helpExplainsTheTuneAndShowsItsDefaults(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch("tune", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.getOutput())
                .contains(
                        "--budget=TIME",
                        "Default: 5m",
                        "--slo-p99",
                        "--trial-warmup",
                        "--trial-time",
                        "--jvm-warmup",
                        "--knobs",
                        "--chart",
                        "Default: loadgen-tune.html",
                        "--tune-json",
                        "acks",
                        "Exit codes:",
                        "LOADGEN_");
        assertThat(launcher.launch("--help").getOutput()).contains("tune");
    }

    private static Set<String> topicsStartingWith(String prefix) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix))
                    .collect(Collectors.toSet());
        }
    }
}
