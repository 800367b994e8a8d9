package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SecureKafkaBroker;
import io.loadgen.testing.SecureKafkaBroker.Listener;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TlsStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 item 6, "a secret-bearing run leaks nothing": one run with every secret a client can carry (SCRAM
 * password in the JAAS config, key store, key and trust store passwords, over SASL_SSL), configured by env alone,
 * that produces every output the tool has: progress lines, the summary, the JSON summary, the shard result file,
 * the results topic, {@code /q/metrics} and {@code /q/health} while running and while lingering, the logs at DEBUG
 * (Kafka's clients included: they print every setting at INFO), then {@code loadgen report}, {@code loadgen verify}
 * and {@code --help} on the same env. Every output is searched for every secret; each must also have content, so the
 * search cannot pass by finding nothing to search.
 */
@Timeout(300)
class SecretLeakIT {

    private static final SecureKafkaBroker BROKER = SecureKafkaBroker.get();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aSecretBearingRunLeaksNothingAnywhere() throws Exception {
        Map<String, String> settings = BROKER.clientSettings(Listener.SASL_SSL, "SCRAM-SHA-512");
        TlsStores stores = BROKER.stores();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("SASL password", BROKER.password());
        secrets.put("JAAS config", settings.get("sasl.jaas.config"));
        secrets.put("key store password", stores.clientKeystorePassword);
        secrets.put("key password", stores.clientKeyPassword);
        secrets.put("trust store password", stores.clientTruststorePassword);
        // issue 14: a plugin's setting under a name Kafka does not know, hidden by its name alone
        secrets.put("schema registry user info", "alice:s3cret-registry-14");

        String runId = "leak-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = KafkaBroker.uniqueTopic("leak");
        String resultsTopic = KafkaBroker.uniqueTopic("leak-results");
        Path summaryJson = dir.resolve("summary.json");
        Path resultFile = dir.resolve("shard-result.json");
        Path reportJson = dir.resolve("report.json");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Map<String, String> env = new HashMap<>(SecureKafkaBroker.asEnv(settings));
        env.putAll(Map.of(
                "LOADGEN_TOPIC",
                topic,
                "LOADGEN_CREATE_TOPIC",
                "true",
                "LOADGEN_RUN_ID",
                runId,
                "LOADGEN_RESULTS_TOPIC",
                resultsTopic,
                "LOADGEN_SEQUENCE_HEADER",
                "true",
                "LOADGEN_PRODUCER_PROPERTY",
                "basic.auth.user.info=alice:s3cret-registry-14"));
        // The most the packaged app can log: DEBUG is the lowest level it is built with, and Kafka's categories are
        // raised from their WARN defaults (ours, and quarkus-kafka-client's for .clients and .common.config), so the
        // clients' "ProducerConfig values:" dump of every setting is in the output.
        env.putAll(Map.of(
                "QUARKUS_LOG_LEVEL",
                "DEBUG",
                "QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL",
                "DEBUG",
                "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL",
                "DEBUG",
                "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA_CLIENTS__LEVEL",
                "DEBUG",
                "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA_COMMON_CONFIG__LEVEL",
                "DEBUG"));
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.putAll(Map.of(
                "LOADGEN_RATE",
                "1000",
                "LOADGEN_DURATION",
                "5s",
                "LOADGEN_REPORT_INTERVAL",
                "500ms",
                "LOADGEN_SUMMARY_JSON",
                summaryJson.toString(),
                "LOADGEN_RESULT_FILE",
                resultFile.toString(),
                "LOADGEN_PUBLISH_RESULT",
                "true",
                "LOADGEN_METRICS_LINGER",
                "2m",
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                "QUARKUS_HTTP_HOST",
                "127.0.0.1"));

        Map<String, String> outputs = new LinkedHashMap<>();
        long sent;
        try (AppProcess app = AppProcess.start(runEnv)) {
            outputs.put("/q/metrics while running", awaitScrape(base + "/q/metrics", app));
            outputs.put("/q/health while running", get(base + "/q/health").body());
            assertThat(app.awaitStdoutLine(l -> l.contains("(--metrics-linger)"), RUN_TIMEOUT))
                    .as("lingers after the summary:\n%s\n%s", app.stdout(), app.stderr())
                    .isTrue();
            outputs.put("/q/metrics after the run", get(base + "/q/metrics").body());
            outputs.put("/q/health after the run", get(base + "/q/health").body());
            app.terminate(); // ends the linger
            assertThat(app.waitFor(RUN_TIMEOUT))
                    .as("exit code; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                    .isZero();
            outputs.put("run stdout", app.stdout());
            outputs.put("run stderr", app.stderr());
            sent = Summary.parse(app.stdout()).sent();
        }
        outputs.put("--summary-json", Files.readString(summaryJson));
        outputs.put("--result-file", Files.readString(resultFile));
        outputs.put("results topic", String.join("\n", SecureKafkaBroker.readValues(settings, resultsTopic)));
        outputs.put("records sent", String.join("\n", SecureKafkaBroker.readValues(settings, topic)));

        try (AppProcess report =
                AppProcess.start(env, "report", "--run-id", runId, "--summary-json", reportJson.toString())) {
            assertThat(report.waitFor(RUN_TIMEOUT))
                    .as("report: %s\n%s", report.stdout(), report.stderr())
                    .isZero();
            outputs.put("report stdout", report.stdout());
            outputs.put("report stderr", report.stderr());
        }
        outputs.put("report --summary-json", Files.readString(reportJson));
        try (AppProcess verify = AppProcess.start(env, "verify", "--run-id", runId)) {
            assertThat(verify.waitFor(RUN_TIMEOUT))
                    .as("verify: %s\n%s", verify.stdout(), verify.stderr())
                    .isZero();
            outputs.put("verify stdout", verify.stdout());
            outputs.put("verify stderr", verify.stderr());
        }
        try (AppProcess help = AppProcess.start(env, "run", "--help")) {
            assertThat(help.waitFor(RUN_TIMEOUT)).isZero();
            outputs.put("run --help", help.stdout());
        }

        List<String> leaks = new ArrayList<>();
        outputs.forEach((output, text) -> secrets.forEach((secret, value) -> {
            if (text.contains(value)) leaks.add("the " + secret + " is in " + output);
        }));
        // The search first: a leak is the news, whichever output it is in.
        assertThat(leaks).as("leaks, searched in %s", outputs.keySet()).isEmpty();

        // Each output holds what it is for, so searching it means something.
        String runOut = outputs.get("run stdout") + "\n" + outputs.get("run stderr");
        assertThat(runOut).as("progress lines").containsPattern("\\[\\s*\\d+\\.\\ds] .* total [1-9]");
        assertThat(runOut)
                .as("our settings, masked")
                .contains(
                        "sasl.jaas.config = [hidden]",
                        "ssl.keystore.password = [hidden]",
                        "ssl.key.password = [hidden]",
                        "ssl.truststore.password = [hidden]",
                        "security.protocol = SASL_SSL",
                        "basic.auth.user.info = [hidden]");
        assertThat(runOut)
                .as("DEBUG logging on, Kafka's own settings dump included")
                .contains("DEBUG", "ProducerConfig values");
        assertThat(sent).isPositive();
        assertThat(outputs.get("/q/metrics while running")).contains("loadgen_records_sent_total", "kafka_producer_");
        assertThat(outputs.get("/q/metrics after the run")).contains("loadgen_run_finished");
        assertThat(outputs.get("/q/health after the run")).contains(runId);
        assertThat(outputs.get("--summary-json")).contains("\"sasl.jaas.config\" : \"[hidden]\"");
        assertThat(outputs.get("--result-file")).contains(runId, "[hidden]");
        assertThat(outputs.get("results topic")).contains(runId, "[hidden]");
        assertThat(outputs.get("records sent")).contains("\"Message\":\"Test log message ");
        assertThat(outputs.get("report stdout")).contains(runId);
        assertThat(outputs.get("report --summary-json")).contains(runId);
        assertThat(outputs.get("verify stdout")).contains("=== loadgen verify: run " + runId);
        assertThat(outputs.get("run --help")).contains("--bootstrap-servers");
    }

    /** The first scrape that shows acknowledged records; the HTTP server starts a moment after the process. */
    private static String awaitScrape(String url, AppProcess app) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(url);
                if (r.statusCode() == 200
                        && r.body()
                                .lines()
                                .anyMatch(l -> l.startsWith("loadgen_records_sent_total{") && !l.endsWith(" 0.0"))) {
                    return r.body();
                }
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
