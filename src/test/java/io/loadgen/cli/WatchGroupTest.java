package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.PacedConsumer;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a real consumer group downstream, as fast as the test makes it, watched while the run loads its topic.
 * Below its capacity it keeps up and drains; above it, it falls behind from near the start, and the lag gate exits 3;
 * a group that is not there gets its line and the run goes on.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(180)
class WatchGroupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BEHIND_FROM =
            Pattern.compile("fell behind from t = ([0-9.]+) s: ([0-9,.k]+)/s produced against ([0-9,.k]+)/s consumed");

    @TempDir
    Path dir;

    @Test
    void aGroupFasterThanTheRateKeepsUpAndDrains(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("watch-fast");
        KafkaBroker.createTopic(topic, 3);
        Path json = dir.resolve("fast.json");
        LaunchResult run;
        try (PacedConsumer ingestor = new PacedConsumer("ingestor-fast", topic, 4_000, Duration.ofSeconds(90))) {
            ingestor.awaitAssignment(Duration.ofSeconds(30));
            run = launcher.launch(
                    "--topic",
                    topic,
                    "--rate",
                    "1000",
                    "--duration",
                    "10s",
                    "--acks",
                    "all",
                    "--watch-group",
                    "ingestor-fast",
                    "--drain-timeout",
                    "20s",
                    "--max-consumer-lag",
                    "5000",
                    "--max-drain-time",
                    "15s",
                    "--summary-json",
                    json.toString());
        }

        assertThat(run.exitCode()).as(run.getOutput() + run.getErrorOutput()).isZero();
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        assertThat(run.getOutput())
                .containsPattern("group ingestor-fast +kept up: drained [0-9.]+ s after the last send")
                .contains("PASS  max-consumer-lag[ingestor-fast]", "PASS  max-drain-time[ingestor-fast]")
                .containsPattern("group ingestor-fast lag [0-9,.k]+ \\([0-9.]+ s\\) consumed [0-9,.k]+/s");
        JsonNode group = JSON.readTree(json.toFile()).path("consumerGroups").path(0);
        long sent = JSON.readTree(json.toFile()).path("records").path("sent").asLong();
        assertThat(group.path("group").asText()).isEqualTo("ingestor-fast");
        assertThat(group.path("verdict").asText()).isEqualTo("kept-up");
        assertThat(group.path("endLagRecords").asLong()).isZero();
        assertThat(group.path("consumed").asLong())
                .as("it consumed every record the run sent")
                .isEqualTo(sent);
        assertThat(group.path("drainSeconds").isNumber()).isTrue();
    }

    @Test
    void aGroupSlowerThanTheRateFallsBehindFromNearTheStartAndTheLagGateExits3(QuarkusMainLauncher launcher)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("watch-slow");
        KafkaBroker.createTopic(topic, 3);
        Path json = dir.resolve("slow.json");
        LaunchResult run;
        try (PacedConsumer ingestor = new PacedConsumer("ingestor-slow", topic, 800, Duration.ofSeconds(90))) {
            ingestor.awaitAssignment(Duration.ofSeconds(30));
            run = launcher.launch(
                    "--topic",
                    topic,
                    "--rate",
                    "4000",
                    "--duration",
                    "8s",
                    "--watch-group",
                    "ingestor-slow",
                    "--drain-timeout",
                    "2s",
                    "--max-consumer-lag",
                    "5000",
                    "--summary-json",
                    json.toString());
        }

        assertThat(run.exitCode()).as(run.getOutput() + run.getErrorOutput()).isEqualTo(ExitCodes.SLO_FAILED);
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        assertThat(run.getOutput())
                .contains("not drained within --drain-timeout", "FAIL  max-consumer-lag[ingestor-slow]", "over by");
        Matcher m = BEHIND_FROM.matcher(run.getOutput());
        assertThat(m.find()).as(run.getOutput()).isTrue();
        assertThat(Double.parseDouble(m.group(1)))
                .as("it fell behind from near the start")
                .isLessThan(4.0);
        JsonNode group = JSON.readTree(json.toFile()).path("consumerGroups").path(0);
        assertThat(group.path("verdict").asText()).isEqualTo("fell-behind");
        assertThat(group.path("producedPerSecond").asDouble()).isCloseTo(4_000, within(1_200.0));
        assertThat(group.path("consumedPerSecondBehind").asDouble()).isCloseTo(800, within(400.0));
        assertThat(group.path("maxLagRecords").asLong()).isGreaterThan(5_000);
        assertThat(group.path("maxLagSeconds").asDouble())
                .as("its oldest record waited seconds")
                .isGreaterThan(1.0);
        assertThat(group.path("drainSeconds").isNull()).isTrue();
    }

    @Test
    void aGroupThatIsNotThereGetsOneLineAndTheRunGoesOn(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("watch-absent");
        Path json = dir.resolve("absent.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "2000",
                "--watch-group",
                "nobody-reads-this",
                "--summary-json",
                json.toString());

        assertThat(run.exitCode()).as(run.getOutput() + run.getErrorOutput()).isZero();
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        assertThat(run.getErrorOutput().lines().filter(l -> l.contains("nobody-reads-this")))
                .singleElement()
                .asString()
                .contains("cannot watch consumer group 'nobody-reads-this'", "does not exist", "the run goes on");
        assertThat(run.getOutput()).contains("group nobody-reads-this", "not watched: it does not exist");
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(2_000);
        assertThat(JSON.readTree(json.toFile())
                        .path("consumerGroups")
                        .path(0)
                        .path("verdict")
                        .asText())
                .isEqualTo("not-watched");
    }
}
