package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SeedRecord;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TopicReader.Message;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command against a real broker, read back by a real consumer (issue item 11): what the summary says was
 * acknowledged is exactly what is in the topic, in the seed's format.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class RunToKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everySeedRecordReachesTheTopicExactlyOnce(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("seed");
        Path summaryJson = dir.resolve("summary.json");
        Instant before = Instant.now();

        LaunchResult run = launcher.launch(
                "--topic", topic, "--create-topic", "--records", "50000", "--summary-json", summaryJson.toString());

        assertSucceeded(run);
        Instant after = Instant.now();
        Summary summary = Summary.parse(run.getOutput());
        assertThat(summary.status()).isEqualTo("COMPLETED");
        assertThat(summary.sent()).isEqualTo(50_000);
        assertThat(summary.failed()).isZero();
        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(50_000);
        BitSet numbers = new BitSet();
        Set<String> timestamps = new HashSet<>();
        for (Message m : messages) {
            SeedRecord r = SeedRecord.parse(m.value());
            timestamps.add(r.timestamp());
            assertThat(numbers.get((int) r.messageNumber()))
                    .as("Message number %d twice", r.messageNumber())
                    .isFalse();
            numbers.set((int) r.messageNumber());
            assertThat(r.resourceNumber()).isEqualTo(r.messageNumber() % 10);
            assertThat(r.instant()).as("made during the run").isBetween(before, after);
            assertThat(m.key()).as("keys none").isNull();
        }
        assertThat(numbers.cardinality()).isEqualTo(50_000);
        assertThat(numbers.nextClearBit(0))
                .as("Message numbers are exactly 0..49,999")
                .isEqualTo(50_000);
        assertThat(timestamps)
                .as("timestamps are taken per record, not one buffer resent")
                .hasSizeGreaterThan(1_000);
        JsonNode json = JSON.readTree(summaryJson.toFile());
        assertThat(json.path("records").path("sent").asLong()).isEqualTo(messages.size());
        assertThat(json.path("records").path("failed").asLong()).isZero();
        assertThat(json.path("settings").path("topic").asText()).isEqualTo(topic);
        // the process's CPU, for sizing a pod: positive, and per million records the same figure scaled
        double cpu = json.path("cpuSeconds").asDouble();
        assertThat(cpu).isPositive();
        assertThat(json.path("cpuSecondsPerMillionRecords").asDouble())
                .isCloseTo(cpu / messages.size() * 1e6, within(1e-6));
        // the run card: the cluster and topic as the run found them before its clock started
        JsonNode card = json.path("runCard");
        assertThat(card.path("brokers").asInt()).isEqualTo(1);
        assertThat(card.path("topic").path("partitions").asInt()).isEqualTo(6);
        assertThat(card.path("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void resourceIdKeysEqualEachRecordsResourceId(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("keys");

        assertSucceeded(launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "5000",
                "--keys",
                "resource-id",
                "--resource-cardinality",
                "7"));

        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(5_000).allSatisfy(m -> {
            SeedRecord r = SeedRecord.parse(m.value());
            assertThat(m.keyText()).isEqualTo(r.resourceId());
            assertThat(r.resourceNumber()).isBetween(0L, 6L);
        });
    }

    @Test
    void fixedPayloadsHaveTheRecordSize(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("fixed");

        assertSucceeded(launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "5000",
                "--payload",
                "fixed",
                "--record-size",
                "200",
                "--keys",
                "random"));

        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(5_000).allSatisfy(m -> {
            assertThat(m.value()).hasSize(200);
            assertThat(m.valueText()).matches("[A-Z]{200}");
            assertThat(m.keyText()).matches("[0-9a-f]{16}");
        });
    }

    @Test
    void aPayloadFileSendsItsLinesInTurn(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("file");
        Path file = Files.writeString(dir.resolve("records.jsonl"), "{\"a\":1}\r\n{\"b\":2}\n\n{\"c\":3}\n");

        assertSucceeded(launcher.launch(
                "--topic", topic, "--create-topic", "--records", "10", "--payload-file", file.toString()));

        Map<String, Long> counts = KafkaBroker.readTopic(topic).stream()
                .collect(Collectors.groupingBy(Message::valueText, Collectors.counting()));
        // positions 0..9 take lines 0,1,2,0,1,2,...: the first line four times
        assertThat(counts)
                .containsOnly(Map.entry("{\"a\":1}", 4L), Map.entry("{\"b\":2}", 3L), Map.entry("{\"c\":3}", 3L));
    }

    @Test
    void aDurationStopsAPacedRun(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("duration");

        LaunchResult run = launcher.launch("--topic", topic, "--create-topic", "--duration", "3s", "--rate", "2000");

        assertSucceeded(run);
        Summary summary = Summary.parse(run.getOutput());
        assertThat(summary.stopReason()).isEqualTo("duration reached");
        assertThat(summary.sent()).as("about 3 s at 2,000/s").isBetween(4_000L, 8_000L);
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(summary.sent());
        // %test sets --report-interval 1s: a 3 s run prints progress lines with the target rate
        assertThat(run.getOutputStream())
                .filteredOn(line -> line.matches("\\[\\s*\\d+\\.\\ds] .*records/s \\(target 2,000\\).*"))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(run.getOutput()).contains("latency from due");
    }

    @Test
    void warmupRecordsAreSentButLeftOutOfTheMeasurements(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("warmup");
        Path summaryJson = dir.resolve("warmup.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "5000",
                "--warmup",
                "1000",
                "--summary-json",
                summaryJson.toString());

        assertSucceeded(run);
        assertThat(run.getOutput()).contains("5,000 acknowledged (1,000 in warm-up), 0 failed");
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(5_000);
        JsonNode records = JSON.readTree(summaryJson.toFile()).path("records");
        assertThat(records.path("warmup").asLong()).isEqualTo(1_000);
        assertThat(records.path("measured").asLong()).isEqualTo(4_000);
        assertThat(JSON.readTree(summaryJson.toFile())
                        .path("sendToAckLatencyMs")
                        .path("count")
                        .asLong())
                .isEqualTo(4_000);
    }

    private static void assertSucceeded(LaunchResult run) {
        assertThat(run.exitCode())
                .as("exit code; stderr:\n%s\nstdout:\n%s", run.getErrorOutput(), run.getOutput())
                .isZero();
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }
}
