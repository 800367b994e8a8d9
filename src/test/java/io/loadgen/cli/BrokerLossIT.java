package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.cluster.ResultCodec;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.ChildBroker;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "bounded stop, always": the packaged app against a broker in a process of its own that is frozen
 * (SIGSTOP) mid-run, as a crashed or partitioned host looks to a client: connections open, nothing answered. The run
 * must end within its duration plus --stop-timeout plus a few seconds, say what stayed unconfirmed, and write its
 * files; signals are honoured at any moment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class BrokerLossIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** JVM start-up and connecting, beyond the run's own time: generous for a busy two-core machine. */
    private static final long SLACK_MILLIS = 8_000;

    private ChildBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    void startBroker() {
        broker = ChildBroker.start();
    }

    @AfterEach
    void thawBroker() {
        broker.thaw();
    }

    @AfterAll
    void closeBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void aBrokerLostNearTheEndCostsAtMostTheStopTimeoutAndTheSummarySaysWhatIsUnconfirmed() throws Exception {
        String topic = KafkaBroker.uniqueTopic("lost");
        Path json = dir.resolve("lost.json");

        try (AppProcess app = start(
                topic,
                "--rate",
                "2000",
                "--duration",
                "8s",
                "--stop-timeout",
                "3s",
                "--summary-json",
                json.toString())) {
            awaitProgress(app);
            long frozenAt = System.nanoTime();
            broker.freeze();

            int code = app.waitFor(Duration.ofSeconds(60));
            long afterFreezeMillis = (System.nanoTime() - frozenAt) / 1_000_000;

            assertThat(afterFreezeMillis)
                    .as("ended within the rest of the 8 s run + 3 s stop timeout + slack; stdout:\n%s", app.stdout())
                    .isLessThan(8_000 + 3_000 + SLACK_MILLIS);
            assertThat(code)
                    .as("stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                    .isEqualTo(ExitCodes.RUN_FAILED);
            Summary.assertNoStackTrace(app.stdout(), app.stderr());
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("INCOMPLETE");
            assertThat(summary.stopReason()).contains("duration reached", "given up after --stop-timeout 3s");
            assertThat(app.stdout())
                    .containsPattern("unconfirmed +[\\d,]+ records handed to the producer were neither");

            JsonNode doc = JSON.readTree(json.toFile());
            JsonNode records = doc.path("records");
            long unconfirmed = records.path("unconfirmed").asLong();
            assertThat(unconfirmed).isPositive();
            assertThat(records.path("sent").asLong()).isEqualTo(summary.sent());
            // Nothing vanishes: every record the schedule made due by the stop is sent, failed, unconfirmed or not
            // sent.
            // 16,000 at 8 s; the duration's timer may fire a little late on a busy machine (seen: 16,031, 15 ms).
            long accounted = records.path("sent").asLong()
                    + records.path("failed").asLong()
                    + unconfirmed
                    + doc.path("shortfall").path("notSent").asLong();
            assertThat(accounted)
                    .as("records accounted for, of 16,000 due at 8 s")
                    .isBetween(15_990L, 17_000L);
            assertThat(doc.path("shortfall").path("ackStalls").path("count").asInt())
                    .as("acknowledgements stalled")
                    .isPositive();

            broker.thaw();
            assertThat(TopicReader.count(broker.bootstrapServers(), topic, Duration.ofSeconds(60)))
                    .as("every acknowledged record is in the topic")
                    .isGreaterThanOrEqualTo(summary.sent());
        }
    }

    @Test
    void aSecondSignalSkipsTheWaitAndStillWritesTheSummaryAndEveryFile() throws Exception {
        String topic = KafkaBroker.uniqueTopic("second-signal");
        Path json = dir.resolve("second.json");
        Path result = dir.resolve("second.result.json");

        try (AppProcess app = start(
                topic,
                "--rate",
                "2000",
                "--duration",
                "60s",
                "--stop-timeout",
                "60s",
                "--summary-json",
                json.toString(),
                "--result-file",
                result.toString())) {
            awaitProgress(app);
            broker.freeze();
            Thread.sleep(1_500);
            app.terminate();
            assertThat(app.awaitStderrLine(l -> l.contains("SIGTERM received"), Duration.ofSeconds(10)))
                    .isTrue();
            Thread.sleep(1_000);
            long secondAt = System.nanoTime();
            app.terminate();

            int code = app.waitFor(Duration.ofSeconds(30));

            assertThat((System.nanoTime() - secondAt) / 1_000_000)
                    .as("fast after the second signal, not after the 60 s stop timeout")
                    .isLessThan(10_000);
            assertThat(code).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(app.stderr()).contains("second SIGTERM");
            Summary.assertNoStackTrace(app.stdout(), app.stderr());
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("INTERRUPTED");
            assertThat(summary.stopReason()).contains("records in flight given up at a second signal");
            JsonNode doc = JSON.readTree(json.toFile());
            assertThat(doc.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(doc.path("records").path("unconfirmed").asLong()).isPositive();
            assertThat(doc.path("records").path("sent").asLong()).isEqualTo(summary.sent());
            assertThat(ResultCodec.decode(Files.readString(result))
                            .result()
                            .total()
                            .sent())
                    .isEqualTo(summary.sent());
        }
    }

    @Test
    void aSignalWhileRecordsDrainAfterTheDurationIsHonoured() throws Exception {
        String topic = KafkaBroker.uniqueTopic("drain-signal");

        try (AppProcess app = start(topic, "--rate", "2000", "--duration", "3s", "--stop-timeout", "60s")) {
            awaitProgress(app);
            broker.freeze();
            // the duration ends while the broker answers nothing: the run now waits for records in flight
            assertThat(app.awaitStdoutLine(l -> l.startsWith("[") && l.contains("NO ACKS FOR"), Duration.ofSeconds(20)))
                    .isTrue();
            Thread.sleep(2_500);
            long signalledAt = System.nanoTime();
            app.terminate();
            assertThat(app.awaitStderrLine(l -> l.contains("SIGTERM received"), Duration.ofSeconds(10)))
                    .isTrue();
            app.terminate(); // and again: skip the 60 s stop timeout

            int code = app.waitFor(Duration.ofSeconds(30));

            assertThat((System.nanoTime() - signalledAt) / 1_000_000).isLessThan(10_000);
            assertThat(code).isEqualTo(ExitCodes.INTERRUPTED);
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("INTERRUPTED");
            assertThat(summary.stopReason()).startsWith("duration reached, then interrupted");
        }
    }

    private AppProcess start(String topic, String... args) {
        List<String> all = new ArrayList<>(
                List.of("--topic", topic, "--create-topic", "--partitions", "3", "--report-interval", "1s"));
        all.addAll(List.of(args));
        return AppProcess.start(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), all.toArray(String[]::new));
    }

    /** Two progress lines with records acknowledged: the run is under way. */
    private static void awaitProgress(AppProcess app) throws InterruptedException, IOException {
        boolean going = app.awaitStdoutLine(
                l -> l.startsWith("[")
                        && l.contains("s] ")
                        && !l.contains("total 0,")
                        && app.stdout().lines().filter(x -> x.startsWith("[")).count() >= 2,
                Duration.ofSeconds(60));
        assertThat(going)
                .as("the run got going; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                .isTrue();
    }
}
