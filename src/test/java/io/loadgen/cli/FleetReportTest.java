package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ResultsTopic;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5: {@code loadgen report} takes the fleet's size from the results, names a missing shard and exits 1,
 * counts a result given twice once (and says so), and refuses results of different runs. The shard results are made by
 * real runs of shards of a two-shard fleet against the real broker, as a user would make them.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(300)
class FleetReportTest {

    @TempDir
    Path dir;

    @Test
    void reportFromFilesNamesAMissingShardCountsDuplicatesOnceAndRefusesMixedRuns(QuarkusMainLauncher launcher) {
        String runId = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = KafkaBroker.uniqueTopic("fleet-report");
        String a = shard(launcher, runId, topic, 0, 2).toString();
        String b = shard(launcher, runId, topic, 1, 2).toString();
        String other = shard(launcher, "other-" + runId, topic, 0, 1).toString();

        LaunchResult onlyOne = launcher.launch("report", a);
        assertThat(onlyOne.exitCode()).as(onlyOne.getErrorOutput()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(onlyOne.getOutput()).contains("=== fleet of 2 shards: results of 1, shard 1 missing ===");
        assertThat(loadgenLines(onlyOne))
                .containsExactly(
                        "loadgen: incomplete fleet report: no result from shard 1 of run " + runId + " (a fleet of 2)");

        LaunchResult twice = launcher.launch("report", a, a);
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(loadgenLines(twice))
                .containsExactly(
                        "loadgen: shard 0 of run " + runId + " given twice (" + a + ", " + a + "); counted once",
                        "loadgen: incomplete fleet report: no result from shard 1 of run " + runId + " (a fleet of 2)");

        Path fleetJson = dir.resolve("fleet.json");
        LaunchResult whole = launcher.launch("report", "--summary-json", fleetJson.toString(), a, b, a);
        assertThat(whole.exitCode()).as(whole.getErrorOutput()).isZero();
        JsonNode card = readJson(fleetJson).path("runCard");
        assertThat(card.path("cores").asInt())
                .as("a fleet's run card counts the processors of both shards")
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(card.path("brokers").asInt()).isEqualTo(1);
        assertThat(whole.getOutput()).contains("=== fleet of 2 shards ===");
        assertThat(whole.getOutput())
                .as("the fleet's settings: its --records, not shard 0's share")
                .contains("\n  records = 600\n", "\n  shards = 2\n")
                .doesNotContain("\n  shard = ");
        assertThat(readJson(fleetJson).path("settings").path("records").asLong())
                .isEqualTo(600);
        assertThat(Summary.parse(whole.getOutput()).sent())
                .as("300 + 300, the duplicate not added")
                .isEqualTo(600);
        // The shards here ran one after the other, each a fraction of a second: whether they count as one fleet's
        // load (FleetWindowTest) depends on the gap between them, so the lines are checked by their start.
        assertThat(loadgenLines(whole))
                .filteredOn(line -> !line.startsWith("loadgen: warning: the shards of run " + runId + " did not all"))
                .containsExactly(
                        "loadgen: shard 0 of run " + runId + " given twice (" + a + ", " + a + "); counted once");

        LaunchResult mixed = launcher.launch("report", a, b, other);
        assertThat(mixed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(loadgenLines(mixed))
                .containsExactly("loadgen: the results are of 2 runs (" + runId + ", other-" + runId
                        + "); choose one with --run-id");

        LaunchResult picked = launcher.launch("report", "--run-id", runId, a, b, other);
        assertThat(picked.exitCode()).as(picked.getErrorOutput()).isZero();

        LaunchResult tooFew = launcher.launch("report", "--shard-count", "1", a);
        assertThat(tooFew.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(loadgenLines(tooFew))
                .containsExactly("loadgen: --shard-count 1 disagrees with the results of run " + runId
                        + ", which are of a fleet of 2 shards");
        String ofThree = shard(launcher, runId, topic, 2, 3).toString(); // the same run id, given to a fleet of 3
        LaunchResult disagree = launcher.launch("report", a, b, ofThree);
        assertThat(disagree.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(loadgenLines(disagree))
                .containsExactly("loadgen: the results of run " + runId
                        + " disagree on the fleet's size: shards 0, 1 of 2; shard 2 of 3; not merged");
        assertThat(disagree.getOutput()).doesNotContain("=== fleet of");

        // Shard 1 run a second time under the same run id (two pods with one index): two different results of one
        // shard, both shares on the topic; the report counts one and says so, exit 1.
        Path firstOfShardOne = dir.resolve("first-of-shard-1.json");
        copy(Path.of(b), firstOfShardOne);
        assertThat(shard(launcher, runId, topic, 1, 2).toString()).isEqualTo(b);
        LaunchResult ranTwice = launcher.launch("report", a, firstOfShardOne.toString(), b);
        assertThat(ranTwice.exitCode()).as(ranTwice.getErrorOutput()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(loadgenLines(ranTwice))
                .contains("loadgen: the fleet report undercounts: shard 1 of run " + runId
                        + " has different results, so two processes ran as one shard (the same JOB_COMPLETION_INDEX"
                        + " or --shard-index twice?) and its share is on the topic twice, while the report counts one");
        assertThat(KafkaBroker.countTopic(topic))
                .as("a: 300, b: 300 twice, shard 2 of the fleet of 3: 300, other: 300")
                .isEqualTo(1_500);

        Summary.assertNoStackTrace(
                ranTwice.getErrorOutput(),
                disagree.getErrorOutput(),
                onlyOne.getErrorOutput(),
                twice.getErrorOutput(),
                mixed.getErrorOutput(),
                tooFew.getErrorOutput());
    }

    /** One shard of two published to the results topic (twice, as a retried pod would): the report names the other. */
    @Test
    void reportFromTheResultsTopicNamesAMissingShard(QuarkusMainLauncher launcher) throws Exception {
        String runId = "fleet-topic-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = KafkaBroker.uniqueTopic("fleet-topic");
        String results = topic + "-results";
        Path first = dir.resolve("shard1.json");
        String[] shardOne = {
            "--topic",
            topic,
            "--create-topic",
            "--records",
            "300",
            "--run-id",
            runId,
            "--shard-count",
            "2",
            "--shard-index",
            "1",
            "--barrier",
            "false",
            "--results-topic",
            results
        };
        LaunchResult shard = launcher.launch(concat(shardOne, "--result-file", first.toString()));
        assertThat(shard.exitCode()).as(shard.getErrorOutput()).isZero();

        // A retried pod of the same shard finds its result on the results topic and sends nothing again.
        LaunchResult retried = launcher.launch(shardOne);
        assertThat(retried.exitCode()).as(retried.getErrorOutput()).isZero();
        assertThat(retried.getOutput()).contains("shard 1/2 of run " + runId + " already ran");
        assertThat(KafkaBroker.countTopic(topic)).as("shard 1's share, once").isEqualTo(150);

        // Were an attempt to publish twice all the same (killed right after publishing, say), the report counts one.
        new ResultsTopic(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()), results)
                .publish(ResultCodec.decode(Files.readString(first)), Duration.ofSeconds(30));

        LaunchResult report =
                launcher.launch("report", "--run-id", runId, "--results-topic", results, "--collect-timeout", "20s");

        assertThat(report.exitCode())
                .as(report.getOutput() + report.getErrorOutput())
                .isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(report.getOutput()).contains("=== fleet of 2 shards: results of 1, shard 0 missing ===");
        assertThat(loadgenLines(report))
                .containsExactly(
                        "loadgen: shard 1 of run " + runId
                                + " published twice to the results topic (a retried pod?); the last one counted",
                        "loadgen: incomplete fleet report: no result from shard 0 of run " + runId + " (a fleet of 2)");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** A shard of a fleet, run on its own (no barrier, nothing published), with its result in a file. */
    private Path shard(QuarkusMainLauncher launcher, String runId, String topic, int index, int count) {
        Path file = dir.resolve(runId + "-" + index + ".json");
        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                String.valueOf(300 * count),
                "--run-id",
                runId,
                "--shard-count",
                String.valueOf(count),
                "--shard-index",
                String.valueOf(index),
                "--barrier",
                "false",
                "--publish-result",
                "false",
                "--fleet-report",
                "false",
                "--result-file",
                file.toString());
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
        return file;
    }

    private static java.util.List<String> loadgenLines(LaunchResult result) {
        return result.getErrorStream().stream()
                .filter(l -> l.startsWith("loadgen:"))
                .toList();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
