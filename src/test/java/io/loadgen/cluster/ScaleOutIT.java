package io.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SeedRecord;
import io.loadgen.testing.Summary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's scale-out, as a user would try it without a cluster: three shards started by hand as separate
 * processes with JOB_COMPLETION_INDEX 0, 1, 2 (what Kubernetes sets in an Indexed Job), then {@code loadgen report}.
 */
@Timeout(240)
class ScaleOutIT {

    private static final int SHARDS = 3;
    private static final long MESSAGES = 30_001; // not a multiple of the shard count: remainders must land somewhere
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void threeShardsSendExactlyTheTotalBetweenThemAndTheReportMergesThemExactly() throws Exception {
        String topic = KafkaBroker.uniqueTopic("fleet");
        String runId = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
        String results = topic + "-results";
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                KafkaBroker.bootstrapServers(),
                "LOADGEN_TOPIC",
                topic,
                "LOADGEN_CREATE_TOPIC",
                "true",
                "LOADGEN_SHARD_COUNT",
                String.valueOf(SHARDS),
                "LOADGEN_RUN_ID",
                runId,
                "LOADGEN_RECORDS",
                String.valueOf(MESSAGES),
                "LOADGEN_RESULTS_TOPIC",
                results,
                "LOADGEN_CONTROL_TOPIC",
                topic + "-control",
                "LOADGEN_COLLECT_TIMEOUT",
                "60s");

        List<AppProcess> shards = new ArrayList<>();
        try {
            for (int k = 0; k < SHARDS; k++) {
                Map<String, String> shardEnv = new java.util.HashMap<>(env);
                shardEnv.put("JOB_COMPLETION_INDEX", String.valueOf(k));
                shards.add(AppProcess.start(
                        shardEnv,
                        "--result-file",
                        dir.resolve("shard" + k + ".json").toString()));
            }
            for (AppProcess shard : shards) {
                assertThat(shard.waitFor(RUN_TIMEOUT))
                        .as("shard exit; stdout:\n%s\nstderr:\n%s", shard.stdout(), shard.stderr())
                        .isZero();
                Summary.assertNoStackTrace(shard.stdout(), shard.stderr());
            }
            assertThat(shards.get(0).stdout())
                    .as("shard 0 prints the fleet report")
                    .contains("=== fleet of 3 shards ===");
        } finally {
            shards.forEach(AppProcess::close);
        }

        // Each shard: its exact share, a range of Message numbers that tiles 0..MESSAGES-1 with the others.
        List<ShardResult> parts = new ArrayList<>();
        for (int k = 0; k < SHARDS; k++)
            parts.add(ResultCodec.decode(Files.readString(dir.resolve("shard" + k + ".json"))));
        long next = 0;
        long sum = 0;
        Histogram combined = LatencyHistograms.empty();
        for (ShardResult part : parts) {
            assertThat(part.firstPosition()).isEqualTo(next);
            assertThat(part.positions()).isBetween(MESSAGES / SHARDS, MESSAGES / SHARDS + 1);
            assertThat(part.result().total().sent()).isEqualTo(part.positions());
            next += part.positions();
            sum += part.result().total().sent();
            combined.add(part.result().latencies().sendToAck());
        }
        assertThat(next).isEqualTo(MESSAGES);

        // A retried pod of shard 0 (Kubernetes retries an index that exited non-zero, e.g. with the fleet's verdict)
        // finds its shard's result already published: it sends nothing again and reports the fleet from the topic.
        Map<String, String> retried = new java.util.HashMap<>(env);
        retried.put("JOB_COMPLETION_INDEX", "0");
        try (AppProcess again = AppProcess.start(retried)) {
            assertThat(again.waitFor(RUN_TIMEOUT))
                    .as("retry; stdout:\n%s\nstderr:\n%s", again.stdout(), again.stderr())
                    .isZero();
            assertThat(again.stdout())
                    .contains("shard 0/3 of run " + runId + " already ran", "=== fleet of 3 shards ===")
                    .doesNotContain("waiting for all 3 shards");
            assertThat(Summary.parse(again.stdout()).sent())
                    .isEqualTo(parts.get(0).result().total().sent());
        }

        // The topic holds exactly the fleet's total, and every Message number once.
        List<Long> numbers = KafkaBroker.readTopic(topic).stream()
                .map(m -> SeedRecord.parse(m.value()).messageNumber())
                .toList();
        assertThat(numbers).hasSize((int) MESSAGES).doesNotHaveDuplicates().allMatch(n -> n >= 0 && n < MESSAGES);
        assertThat(sum).isEqualTo(MESSAGES);

        // The report, from the results topic: totals add up, percentiles are those of the combined histogram.
        Path fleetJson = dir.resolve("fleet.json");
        try (AppProcess report = AppProcess.start(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers()),
                "report",
                "--run-id",
                runId,
                "--results-topic",
                results,
                "--shard-count",
                "3",
                "--summary-json",
                fleetJson.toString())) {
            assertThat(report.waitFor(RUN_TIMEOUT))
                    .as("report exit; stdout:\n%s\nstderr:\n%s", report.stdout(), report.stderr())
                    .isZero();
            assertThat(report.stderr())
                    .as("shards started together at the barrier")
                    .doesNotContain("did not all send at the same time");
        }
        JsonNode fleet = JSON.readTree(fleetJson.toFile());
        assertThat(fleet.at("/records/sent").asLong()).isEqualTo(MESSAGES);
        assertThat(fleet.at("/records/failed").asLong()).isZero();
        assertThat(fleet.at("/stopReason").asText())
                .as("a shard's reason, said to be a shard's")
                .startsWith("shards: ")
                .contains("all 10001 records handed to the producer")
                .contains("all 10000 records handed to the producer")
                .doesNotContain("10000 records handed to the producer; all 10000");
        assertThat(fleet.at("/sendToAckLatencyMs/count").asLong()).isEqualTo(combined.getTotalCount());
        assertThat(fleet.at("/sendToAckLatencyMs/p99").asDouble())
                .isEqualTo(combined.getValueAtPercentile(99) / 1000.0);
        assertThat(fleet.at("/sendToAckLatencyMs/max").asDouble()).isEqualTo(combined.getMaxValue() / 1000.0);
    }

    /**
     * The gates are the fleet's: three shards at 1,000 records/s each, a fleet of about 3,000. A floor of 2,500 is
     * met by the fleet while every shard is below it (each meets its share): all exit 0. A floor of 5,000 is missed by the fleet: shard 0,
     * which prints the fleet report, exits 3; the others delivered their share of the load and exit 0.
     */
    @Test
    void theFleetsThroughputGateIsJudgedOnTheFleetAndSetsShardZerosExitCode() throws Exception {
        assertThat(fleetExitCodes("fleet-pass", "2500")).containsExactly(0, 0, 0);
        assertThat(fleetExitCodes("fleet-miss", "5000")).containsExactly(3, 0, 0);
    }

    private List<Integer> fleetExitCodes(String name, String minThroughput) throws Exception {
        String topic = KafkaBroker.uniqueTopic(name);
        String runId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<AppProcess> shards = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        try {
            for (int k = 0; k < SHARDS; k++) {
                shards.add(AppProcess.start(
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS",
                                KafkaBroker.bootstrapServers(),
                                "LOADGEN_TOPIC",
                                topic,
                                "LOADGEN_CREATE_TOPIC",
                                "true",
                                "LOADGEN_SHARD_COUNT",
                                String.valueOf(SHARDS),
                                "LOADGEN_RUN_ID",
                                runId,
                                "LOADGEN_RESULTS_TOPIC",
                                topic + "-results",
                                "LOADGEN_CONTROL_TOPIC",
                                topic + "-control",
                                "JOB_COMPLETION_INDEX",
                                String.valueOf(k)),
                        "--rate",
                        "3000",
                        "--duration",
                        "4s",
                        "--min-throughput",
                        minThroughput,
                        "--collect-timeout",
                        "60s"));
            }
            for (AppProcess shard : shards) {
                codes.add(shard.waitFor(RUN_TIMEOUT));
                Summary.assertNoStackTrace(shard.stdout(), shard.stderr());
            }
            String fleetVerdict = minThroughput.equals("2500") ? "PASS  min-throughput" : "FAIL  min-throughput";
            assertThat(shards.get(0).stdout())
                    .as("shard 0's fleet report")
                    .contains("=== fleet of 3 shards", fleetVerdict);
            // a shard's share of the floor: 833 records/s (met by its 1,000), then 1,667 (missed)
            assertThat(shards.get(1).stdout()).contains(fleetVerdict, "do not set this shard's exit code");
        } finally {
            shards.forEach(AppProcess::close);
        }
        return codes;
    }

    /**
     * A pod deleted while it waits at the barrier (SIGTERM) stops at once, not after --barrier-timeout: nothing was
     * sent, exit 130.
     */
    @Test
    void aSignalAtTheBarrierStopsTheShardAtOnce() throws InterruptedException, IOException {
        String topic = KafkaBroker.uniqueTopic("barrier-signal");
        try (AppProcess shard = AppProcess.start(
                shardEnv(topic, 1),
                "--shard-count",
                "3",
                "--run-id",
                "signal-" + UUID.randomUUID(),
                "--barrier-timeout",
                "5m",
                "--control-topic",
                topic + "-control",
                "--records",
                "300")) {
            assertThat(shard.awaitStdoutLine(line -> line.contains("waiting for all 3 shards"), RUN_TIMEOUT))
                    .as("at the barrier; stdout:\n%s\nstderr:\n%s", shard.stdout(), shard.stderr())
                    .isTrue();
            // Kubernetes' readiness probe meanwhile: not ready, as designed, and nothing logged for it.
            Matcher metrics =
                    Pattern.compile("metrics at (http://\\S+)/q/metrics").matcher(shard.stdout());
            assertThat(metrics.find()).as(shard.stdout()).isTrue();
            for (int probe = 0; probe < 3; probe++) {
                HttpResponse<String> ready = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(metrics.group(1) + "/q/health/ready"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            }
            Thread.sleep(500);
            terminateExpectingAPromptStop(shard);
            assertThat(shard.stderr()).contains("stopped while waiting for the other shards; nothing was sent");
            assertThat(shard.stderr())
                    .as("a readiness probe answered DOWN is no news for the log")
                    .doesNotContain("health down");
            Summary.assertNoStackTrace(shard.stdout(), shard.stderr());
        }
        assertThat(KafkaBroker.countTopic(topic)).isZero();
    }

    /**
     * A pod deleted while shard 0 collects the other shards' results (the Job failed, its deadline passed) stops at
     * once with 130, not after --collect-timeout and not by the kubelet's SIGKILL at the end of the grace period.
     */
    @Test
    void aSignalWhileShardZeroCollectsStopsItAtOnce() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("collect-signal");
        try (AppProcess shard = AppProcess.start(
                shardEnv(topic, 0),
                "--shard-count",
                "2",
                "--run-id",
                "collect-" + UUID.randomUUID(),
                "--barrier",
                "false",
                "--results-topic",
                topic + "-results",
                "--collect-timeout",
                "5m",
                "--records",
                "300")) {
            assertThat(shard.awaitStdoutLine(line -> line.contains("collecting the results of 2 shards"), RUN_TIMEOUT))
                    .as("collecting; stdout:\n%s\nstderr:\n%s", shard.stdout(), shard.stderr())
                    .isTrue();
            Thread.sleep(500);
            terminateExpectingAPromptStop(shard);
            assertThat(shard.stderr()).contains("stopped while collecting the fleet's results, so no fleet report");
            assertThat(shard.stdout()).doesNotContain("=== fleet of");
            Summary.assertNoStackTrace(shard.stdout(), shard.stderr());
        }
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(150);
    }

    /** A shard process's env, as an Indexed Job's pod has it: the cluster, the topic, and its completion index. */
    private static Map<String, String> shardEnv(String topic, int index) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                KafkaBroker.bootstrapServers(),
                "LOADGEN_TOPIC",
                topic,
                "LOADGEN_CREATE_TOPIC",
                "true",
                "JOB_COMPLETION_INDEX",
                String.valueOf(index));
    }

    /** SIGTERM, then the exit it must make at once: 130, within 10 s. */
    private static void terminateExpectingAPromptStop(AppProcess shard) throws InterruptedException {
        long signalled = System.nanoTime();
        shard.terminate();
        assertThat(shard.waitFor(RUN_TIMEOUT)).isEqualTo(130);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aShardWithoutTheOthersNamesTheMissingOnesAtTheBarrier() throws InterruptedException, IOException {
        String topic = KafkaBroker.uniqueTopic("lonely");
        try (AppProcess shard = AppProcess.start(
                shardEnv(topic, 1),
                "--shard-count",
                "3",
                "--run-id",
                "lonely-" + UUID.randomUUID(),
                "--barrier-timeout",
                "3s",
                "--control-topic",
                topic + "-control",
                "--records",
                "300")) {
            assertThat(shard.waitFor(RUN_TIMEOUT)).isEqualTo(1);
            assertThat(shard.stderr()).contains("shards 0, 2 never reported ready within 3 s");
            Summary.assertNoStackTrace(shard.stdout(), shard.stderr());
        }
        assertThat(KafkaBroker.countTopic(topic))
                .as("nothing sent without the other shards")
                .isZero();
    }
}
