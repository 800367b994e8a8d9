package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --summary-json}: the same numbers as the summary, for machines; secrets masked. */
@Timeout(10)
class ResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDocumentHasTheCountsLatenciesAndSettings() throws IOException {
        JsonNode doc = JSON.readTree(ResultJson.toJson(ReportFixtures.result(), ReportFixtures.NO_GATES));

        assertThat(doc.path("runId").asText()).isEqualTo("run-7");
        assertThat(doc.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(doc.path("records").path("sent").asLong()).isEqualTo(50_000);
        assertThat(doc.path("records").path("failed").asLong()).isEqualTo(3);
        assertThat(doc.path("records").path("warmup").asLong()).isEqualTo(1_000);
        assertThat(doc.path("records").path("measured").asLong()).isEqualTo(49_000);
        assertThat(doc.path("records").path("unconfirmed").asLong()).isZero();
        assertThat(doc.path("records").path("acknowledged").asBoolean()).isTrue();
        assertThat(doc.path("shortfall").path("notSent").asLong()).isZero();
        assertThat(doc.path("shortfall").path("sendingStalls").path("count").asInt())
                .isZero();
        assertThat(doc.path("bytes").asLong()).isEqualTo(6_000_000);
        assertThat(doc.path("startedAt").asText()).isEqualTo("2025-11-25T12:00:00Z");
        assertThat(doc.path("recordsPerSecond").asDouble()).isCloseTo(24_500, within(0.001));
        assertThat(doc.path("sendToAckLatencyMs").path("count").asLong()).isEqualTo(49_000);
        assertThat(doc.path("sendToAckLatencyMs").path("p50").asDouble()).isCloseTo(25, within(0.1));
        assertThat(doc.path("sendToAckLatencyMs").path("max").asDouble()).isCloseTo(49, within(0.1));
        assertThat(doc.path("intendedLatencyMs").isNull()).as("not paced").isTrue();
        assertThat(doc.path("compressionRatio").asDouble()).isEqualTo(4.25);
        assertThat(doc.path("errors").path("TimeoutException").asLong()).isEqualTo(3);
        assertThat(doc.path("settings").path("topic").asText()).isEqualTo("logs");
        assertThat(doc.path("settings").path("producer").path("acks").asText()).isEqualTo("all");
    }

    @Test
    void theRunCardSaysWhereTheRunRanWithUnknownFactsAsNull() throws IOException {
        RunCard card = new RunCard(
                "1.2.3",
                new RunCard.Machine(
                        "JVM", "21.0.5", "OpenJDK 64-Bit Server VM (Eclipse Adoptium)", "AMD EPYC", 2, null, null),
                new RunCard.Cluster(1, null, "logs", 6, 1));
        RunResult r = Results.from(ReportFixtures.result()).runCard(card).build();

        JsonNode c =
                JSON.readTree(ResultJson.toJson(r, ReportFixtures.NO_GATES)).path("runCard");

        assertThat(c.path("loadgenVersion").asText()).isEqualTo("1.2.3");
        assertThat(c.path("runtime").asText()).isEqualTo("JVM");
        assertThat(c.path("javaVersion").asText()).isEqualTo("21.0.5");
        assertThat(c.path("javaVm").asText()).isEqualTo("OpenJDK 64-Bit Server VM (Eclipse Adoptium)");
        assertThat(c.path("cpuModel").asText()).isEqualTo("AMD EPYC");
        assertThat(c.path("cores").asInt()).isEqualTo(2);
        assertThat(c.has("containerCpuLimit") && c.path("containerCpuLimit").isNull())
                .as("no limit is a null, not a missing field")
                .isTrue();
        assertThat(c.path("containerMemoryLimitBytes").isNull()).isTrue();
        assertThat(c.path("brokers").asInt()).isEqualTo(1);
        assertThat(c.path("brokerVersion").isNull()).isTrue();
        assertThat(c.path("topic").path("name").asText()).isEqualTo("logs");
        assertThat(c.path("topic").path("partitions").asInt()).isEqualTo(6);
        assertThat(c.path("topic").path("replicationFactor").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(ResultJson.toJson(ReportFixtures.result(), ReportFixtures.NO_GATES))
                        .has("runCard"))
                .as("a result without a card (an older shard's) has no field")
                .isFalse();
    }

    @Test
    void secretsStayMasked() throws IOException {
        String json = ResultJson.toJson(ReportFixtures.result(), ReportFixtures.NO_GATES);

        JsonNode producer = JSON.readTree(json).path("settings").path("producer");
        assertThat(producer.path("sasl.jaas.config").asText()).isEqualTo("[hidden]");
        assertThat(producer.path("ssl.truststore.password").asText()).isEqualTo("[hidden]");
        assertThat(json).doesNotContain(ReportFixtures.PASSWORD);
    }

    @Test
    void writeCreatesMissingDirectories() throws IOException {
        Path file = dir.resolve("results/nested/summary.json");

        ResultJson.write(ReportFixtures.result(), ReportFixtures.NO_GATES, file);

        assertThat(JSON.readTree(Files.readString(file))
                        .path("records")
                        .path("sent")
                        .asLong())
                .isEqualTo(50_000);
    }
}
