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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: {@code tune --target group:NAME} finds the capacity of a real consumer group whose speed the test
 * sets, within a quarter of it, from trials on the real topic.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(300)
class TuneGroupCapacityTest {

    @TempDir
    Path dir;

    private static final Pattern CAPACITY = Pattern.compile("capacity: about ([0-9,]+) records/s");
    private static final double GROUP_SPEED = 3_000;

    @Test
    void theSearchFindsTheGroupsCapacityWithItsEvidence(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("capacity");
        Path chart = dir.resolve("capacity.html");
        Path json = dir.resolve("capacity.json");
        KafkaBroker.createTopic(topic, 3);
        LaunchResult tune;
        try (PacedConsumer ingestor = new PacedConsumer("ingestor-cap", topic, GROUP_SPEED, Duration.ofSeconds(280))) {
            ingestor.awaitAssignment(Duration.ofSeconds(30));
            tune = launcher.launch(
                    "tune",
                    "--target",
                    "group:ingestor-cap",
                    "--topic",
                    topic,
                    "--trial-time",
                    "4s",
                    "--budget",
                    "200s",
                    "--start-rate",
                    "1000",
                    "--chart",
                    chart.toString(),
                    "--tune-json",
                    json.toString());
        }

        assertThat(tune.exitCode()).as(tune.getOutput() + tune.getErrorOutput()).isZero();
        Summary.assertNoStackTrace(tune.getOutput(), tune.getErrorOutput());
        String out = tune.getOutput();
        Matcher m = CAPACITY.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        double capacity = Double.parseDouble(m.group(1).replace(",", ""));
        assertThat(capacity).as(out).isCloseTo(GROUP_SPEED, within(GROUP_SPEED * 0.25));
        assertThat(out)
                .contains("KEPT UP ", "BEHIND  ", "fell behind from t =")
                .containsPattern("trial 1: --rate 1,000 +produced [0-9,]+/s +consumed [0-9,]+/s +lag bounded")
                .containsPattern("check it: loadgen run --topic " + topic + " --rate [0-9]+ --duration 12s "
                        + "--watch-group ingestor-cap");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("capacity").asDouble()).isEqualTo(capacity);
        assertThat(doc.path("trials").size()).isGreaterThanOrEqualTo(3);
        assertThat(doc.path("trials").path(0).path("produced").asDouble()).isPositive();
        String page = Files.readString(chart);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg", "class=\"kept\"", "class=\"behind\"");
        assertThat(page).as("works offline").doesNotContain("<script", "src=", "href=", "@import");
    }

    @Test
    void aTargetThatIsNeitherIsRefusedInOneLine(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("tune", "--target", "latency");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.getErrorOutput()).contains("--target takes throughput or group:NAME; got 'latency'");
    }
}
