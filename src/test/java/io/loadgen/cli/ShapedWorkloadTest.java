package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TopicReader.Message;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workloads with a shape, against a real broker: hot keys show as a skewed partition spread, drawn sizes as the
 * summary's record sizes, and both agree with what the topic holds.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class ShapedWorkloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void zipfKeysSkewThePartitionsAndTheSummaryCountsEachPartitionAsTheTopicHoldsIt(QuarkusMainLauncher launcher)
            throws IOException {
        String topic = KafkaBroker.uniqueTopic("zipf");
        Path json = dir.resolve("summary.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--partitions",
                "6",
                "--records",
                "20000",
                "--keys",
                "zipf:1000:1.1",
                "--summary-json",
                json.toString());

        assertThat(run.exitCode()).as(run.getOutput() + run.getErrorOutput()).isZero();
        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(20_000);
        long[] inTopic = new long[6];
        for (Message m : messages) {
            inTopic[m.partition()]++;
            assertThat(m.keyText()).matches("key-\\d{1,3}");
        }
        JsonNode partitions = JSON.readTree(json.toFile()).path("partitions");
        assertThat(partitions.path("count").asInt()).isEqualTo(6);
        long[] reported = new long[6];
        for (int p = 0; p < 6; p++)
            reported[p] = partitions.path("records").path(p).asLong();
        assertThat(reported).as("records per partition, summary against topic").containsExactly(inTopic);
        // key-0 alone takes about 18% of zipf:1000:1.1, so its partition holds far more than a sixth.
        assertThat(partitions.path("maxToMean").asDouble()).isGreaterThan(1.5);
        assertThat(run.getOutput())
                .containsPattern("partitions\\s+6 of 6 written; records per partition max [\\d,]+, mean 3,333 "
                        + "\\(max/mean \\d\\.\\d\\d\\)");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }

    @Test
    void drawnRecordSizesStayInTheirRangeAndTheSummaryGivesTheirMean(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("sizes");
        Path json = dir.resolve("summary.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "5000",
                "--payload",
                "fixed",
                "--record-size",
                "200..4000",
                "--keys",
                "sequence",
                "--summary-json",
                json.toString());

        assertThat(run.exitCode()).as(run.getOutput() + run.getErrorOutput()).isZero();
        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(5_000);
        double sum = 0;
        Set<String> keys = new HashSet<>();
        for (Message m : messages) {
            assertThat(m.value().length).isBetween(200, 4000);
            sum += m.value().length;
            keys.add(m.keyText());
        }
        assertThat(keys).as("sequence keys: one per record").hasSize(5_000);
        JsonNode size = JSON.readTree(json.toFile()).path("recordSizeBytes");
        assertThat(size.path("count").asLong()).isEqualTo(5_000);
        // the histogram keeps 2 significant digits: its mean is the topic's within 1%
        assertThat(size.path("mean").asDouble()).isCloseTo(sum / messages.size(), within(sum / messages.size() / 100));
        assertThat(size.path("p99").asLong()).isBetween(3_800L, 4_000L);
        assertThat(size.path("max").asLong()).as("never above the range").isBetween(3_900L, 4_000L);
        assertThat(run.getOutput()).containsPattern("record size\\s+mean [\\d,]+ B, p50 [\\d,]+ B, p99 [\\d,]+ B");
    }
}
