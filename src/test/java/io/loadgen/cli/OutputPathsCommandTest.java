package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 4 through the commands: a bad output path costs nothing. The run, the report and the tune refuse
 * it with exit 2 and one line before anything connects or is sent; a run told to create its topic does not create it.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class OutputPathsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithASummaryInAMissingDirectorySendsNothing(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("bad-output");
        Path summary = dir.resolve("nope/x.json");

        LaunchResult run = launcher.launch(
                "--topic", topic, "--create-topic", "--records", "10", "--summary-json", summary.toString());

        assertUsageError(run, "loadgen: --summary-json " + summary + ": no such directory " + dir.resolve("nope"));
        assertThat(run.getOutput()).doesNotContain("loadgen run ");
        assertThat(topicExists(topic)).as("the topic was never created").isFalse();
    }

    @Test
    void aRunWritingTwoOutputsToOneFileIsRefused(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("same-output");
        Path file = dir.resolve("out.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "10",
                "--summary-json",
                file.toString(),
                "--result-file",
                file.toString());

        assertUsageError(
                run, "loadgen: --summary-json and --result-file name the same file " + file + "; give each its own");
        assertThat(topicExists(topic)).isFalse();
        assertThat(file).doesNotExist();
    }

    /** Issue 19: the page and the histogram log are outputs like the others. */
    @Test
    void aRunWithItsPageOrHistogramLogWhereNoFileCanBeIsRefusedBeforeConnecting(QuarkusMainLauncher launcher)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("bad-report");
        Path page = dir.resolve("nope/run.html");

        LaunchResult run = launcher.launch(
                "--topic", topic, "--create-topic", "--records", "10", "--report-html", page.toString());
        LaunchResult log = launcher.launch(
                "--topic", topic, "--create-topic", "--records", "10", "--histogram-log", dir.toString());
        LaunchResult both = launcher.launch(
                "--topic",
                topic,
                "--records",
                "10",
                "--report-html",
                dir.resolve("x").toString(),
                "--histogram-log",
                dir.resolve("x").toString());

        assertUsageError(run, "loadgen: --report-html " + page + ": no such directory " + dir.resolve("nope"));
        assertUsageError(log, "loadgen: --histogram-log " + dir + ": is a directory; give a file name");
        assertUsageError(
                both,
                "loadgen: --report-html and --histogram-log name the same file " + dir.resolve("x")
                        + "; give each its own");
        assertThat(topicExists(topic)).isFalse();
    }

    @Test
    void aReportIntoADirectoryIsRefusedBeforeReading(QuarkusMainLauncher launcher) {
        LaunchResult report = launcher.launch(
                "report",
                "--summary-json",
                dir.toString(),
                dir.resolve("shard0.json").toString());

        assertUsageError(report, "loadgen: --summary-json " + dir + ": is a directory; give a file name");
    }

    /** An unreachable broker would exit 1 after --connect-timeout: exit 2 at once shows nothing connected. */
    @Test
    void aTuneWithAChartInAMissingDirectoryIsRefusedBeforeConnecting(QuarkusMainLauncher launcher) {
        Path chart = dir.resolve("nope/chart.html");

        LaunchResult tune = launcher.launch("tune", "--bootstrap-servers", "127.0.0.1:1", "--chart", chart.toString());

        assertUsageError(tune, "loadgen: --chart " + chart + ": no such directory " + dir.resolve("nope"));
    }

    private static void assertUsageError(LaunchResult result, String line) {
        assertThat(result.exitCode())
                .as("exit code; stderr:%n%s%nstdout:%n%s", result.getErrorOutput(), result.getOutput())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .containsExactly(line);
        Summary.assertNoStackTrace(result.getOutput(), result.getErrorOutput());
    }

    static boolean topicExists(String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }
}
