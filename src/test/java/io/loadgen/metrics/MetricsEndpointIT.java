package io.loadgen.metrics;

import static io.loadgen.metrics.MetricsFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as a user runs it, in a child process with its own HTTP port, against the real broker:
 * {@code /q/metrics} moves during a paced run, the final scrape during {@code --metrics-linger} agrees with the
 * printed summary and the JSON, {@code /q/health} answers, and SIGTERM ends the linger at once.
 */
@Timeout(240)
class MetricsEndpointIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void metricsMoveDuringTheRunAndTheFinalScrapeAgreesWithTheSummary() throws Exception {
        int port = freePort();
        String topic = KafkaBroker.uniqueTopic("metrics");
        Path json = dir.resolve("summary.json");
        String base = "http://127.0.0.1:" + port;
        String run = "run_id=\"it-metrics\"";
        try (AppProcess app = AppProcess.start(
                Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "QUARKUS_HTTP_HOST", "127.0.0.1"),
                "run",
                "--bootstrap-servers",
                KafkaBroker.bootstrapServers(),
                "--topic",
                topic,
                "--create-topic",
                "--rate",
                "2000",
                "--duration",
                "8s",
                "--threads",
                "2",
                "--producers",
                "2",
                "--report-interval",
                "1s",
                "--metrics-linger",
                "2m",
                "--summary-json",
                json.toString(),
                "--run-id",
                "it-metrics")) {

            // during the run: the run's counters and both producers' own metrics are there, and they move
            String first = awaitScrape(base + "/q/metrics", app);
            assertThat(value(first, "loadgen_target_rate_records_per_second", run))
                    .isEqualTo(2_000);
            assertThat(value(first, "loadgen_run_finished", run)).isZero();
            assertThat(value(
                            first,
                            "kafka_producer_buffer_available_bytes",
                            "client_id=\"loadgen-0\"",
                            run,
                            "shard=\"0\""))
                    .isPositive();
            assertThat(value(first, "kafka_producer_buffer_available_bytes", "client_id=\"loadgen-1\"", run))
                    .isPositive();
            assertThat(get(base + "/q/health/ready").statusCode()).isEqualTo(200);
            Thread.sleep(2_000);
            String second = get(base + "/q/metrics").body();
            assertThat(sent(second)).as("records sent is moving").isGreaterThan(sent(first));
            assertThat(sum(second, "kafka_producer_record_send_total"))
                    .isGreaterThan(sum(first, "kafka_producer_record_send_total"));
            assertThat(value(second, "loadgen_send_to_ack_latency_seconds_count", run))
                    .isPositive();

            // after the summary, while it lingers: the final values agree with what was printed and written
            assertThat(app.awaitStdoutLine(l -> l.contains("(--metrics-linger)"), Duration.ofSeconds(90)))
                    .as("lingers after the summary:\n%s\n%s", app.stdout(), app.stderr())
                    .isTrue();
            String last = get(base + "/q/metrics").body();
            Summary summary = Summary.parse(app.stdout());
            JsonNode doc = JSON.readTree(json.toFile());

            assertThat(sent(last))
                    .isEqualTo(summary.sent())
                    .isEqualTo(doc.path("records").path("sent").asLong());
            assertThat((double) summary.sent()).as("8 s at 2,000/s").isCloseTo(16_000, within(1_600.0));
            assertThat(value(last, "loadgen_bytes_sent_total", run))
                    .isEqualTo(doc.path("bytes").asDouble());
            assertThat(value(last, "loadgen_records_in_flight", run)).isZero();
            assertThat(value(last, "loadgen_run_finished", run)).isEqualTo(1);
            assertThat(value(last, "loadgen_target_rate_records_per_second", run))
                    .isZero();
            // nothing failed, and the failed counter says 0 rather than being absent (issue 16 item 6)
            assertThat(value(last, "loadgen_records_failed_total", run, "error_type=\"TimeoutException\""))
                    .isZero();
            assertThat(sum(last, "loadgen_records_failed_total")).isZero();
            long measured = doc.path("records").path("measured").asLong();
            assertThat(value(last, "loadgen_send_to_ack_latency_seconds_count", run))
                    .isEqualTo(measured);
            assertThat(value(last, "loadgen_send_to_ack_latency_seconds_bucket", run, "le=\"+Inf\""))
                    .isEqualTo(measured);
            assertThat(value(last, "loadgen_send_latency_seconds_count", run))
                    .as("the deprecated name, for one more release")
                    .isEqualTo(measured);
            assertThat(value(last, "loadgen_intended_latency_seconds_count", run))
                    .isEqualTo(doc.path("intendedLatencyMs").path("count").asLong());
            assertThat(value(last, "loadgen_schedule_delay_seconds_count", run))
                    .isEqualTo(doc.path("scheduleDelayMs").path("count").asLong());
            assertThat(sum(last, "kafka_producer_record_send_total"))
                    .as("the clients' own count, over both producers")
                    .isEqualTo(summary.sent());
            assertThat(KafkaBroker.countTopic(topic)).isEqualTo(summary.sent());
            HttpResponse<String> ready = get(base + "/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode check = JSON.readTree(ready.body()).path("checks").get(0);
            assertThat(check.path("name").asText()).isEqualTo("loadgen-run");
            assertThat(check.path("status").asText()).isEqualTo("UP");
            assertThat(check.path("data").path("phase").asText()).isEqualTo("finished");
            assertThat(check.path("data").path("run_id").asText()).isEqualTo("it-metrics");
            assertThat(get(base + "/q/health/live").statusCode()).isEqualTo(200);

            // SIGTERM ends the two-minute linger at once, with the run's exit code
            long signalled = System.nanoTime();
            app.terminate();
            assertThat(app.waitFor(Duration.ofSeconds(20))).as(app.stdout()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(20));
            assertThat(app.stderr()).contains("SIGTERM received, ending the metrics linger");
            Summary.assertNoStackTrace(app.stdout(), app.stderr());
        }
    }

    /** The first scrape that shows acknowledged records; the HTTP server starts a moment after the process. */
    private static String awaitScrape(String url, AppProcess app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(url);
                if (r.statusCode() == 200 && sent(r.body()) > 0) return r.body();
            } catch (IOException notYetListening) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no records in " + url + "; stdout:\n" + app.stdout() + "\nstderr:\n" + app.stderr());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long sent(String scrape) {
        return scrape.contains("loadgen_records_sent_total") ? (long) value(scrape, "loadgen_records_sent_total") : 0;
    }

    /** The sum of every sample with this name (across producers). */
    private static double sum(String scrape, String name) {
        double total = 0;
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*}\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(scrape);
        while (m.find()) total += Double.parseDouble(m.group(1));
        return total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
