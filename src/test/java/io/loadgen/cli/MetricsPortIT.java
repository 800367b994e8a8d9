package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, item 8, with the packaged jar in its own JVM: while the metrics port is taken by another process, the
 * commands that serve no metrics work as usual, a run says in one line how to choose another port (exit 1, nothing
 * sent), bad usage still exits 2; with port 0 the port chosen is printed and serves /q/metrics.
 */
@Timeout(240)
class MetricsPortIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** What Quarkus prints when its HTTP server cannot bind: never to be seen again. */
    private static final List<String> QUARKUS_PORT_LINES = List.of("seems to be in use", "kill -9", "netstat");
    /** A log line of Quarkus's console handler: "2026-12-01 23:34:35,677 ERROR [io.qu.ru.Application] ...". */
    private static final Pattern LOG_LINE =
            Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} +[A-Z]+ ");

    @Test
    void commandsWithoutMetricsWorkWhileThePortIsTakenAndARunSaysHowToChooseAnother() throws Exception {
        String missing = KafkaBroker.uniqueTopic("port-taken-missing");
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = Map.of(
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(taken.getLocalPort()),
                    "KAFKA_BOOTSTRAP_SERVERS",
                    KafkaBroker.bootstrapServers());
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("--help", ExitCodes.OK);
            expected.put("--version", ExitCodes.OK);
            expected.put("run --help", ExitCodes.OK);
            expected.put("tune --help", ExitCodes.OK);
            expected.put("verify --run-id nobody --topic " + missing, ExitCodes.RUN_FAILED);
            expected.put("report --run-id nobody --results-topic " + missing, ExitCodes.RUN_FAILED);
            expected.put("--records lots", ExitCodes.USAGE);
            expected.put("tune --budget 0s", ExitCodes.USAGE);
            for (Map.Entry<String, Integer> c : expected.entrySet()) {
                try (AppProcess app = AppProcess.start(env, c.getKey().split(" "))) {
                    int code = app.waitFor(TIMEOUT);
                    assertThat(code)
                            .as("%s; stdout:%n%s%nstderr:%n%s", c.getKey(), app.stdout(), app.stderr())
                            .isEqualTo(c.getValue());
                    assertThat(app.stdout() + "\n" + app.stderr())
                            .as(c.getKey())
                            .doesNotContain(QUARKUS_PORT_LINES)
                            .doesNotContain("/q/metrics on port")
                            .doesNotContainPattern(LOG_LINE);
                    Summary.assertNoStackTrace(app.stdout(), app.stderr());
                }
            }

            String topic = KafkaBroker.uniqueTopic("port-taken");
            try (AppProcess run = AppProcess.start(env, "--topic", topic, "--create-topic", "--records", "10")) {
                assertThat(run.waitFor(TIMEOUT)).as(run.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
                assertThat(run.stderr().lines().toList())
                        .containsExactly("loadgen: cannot serve /q/metrics on port "
                                + taken.getLocalPort()
                                + ": Address already in use; choose another port with QUARKUS_HTTP_PORT=PORT or "
                                + "-Dquarkus.http.port=PORT (0 picks a free one)");
                assertThat(run.stdout())
                        .doesNotContain(QUARKUS_PORT_LINES)
                        .doesNotContain("loadgen run ")
                        .doesNotContainPattern(LOG_LINE);
            }
            assertThat(OutputPathsCommandTest.topicExists(topic))
                    .as("nothing was created or sent")
                    .isFalse();
        }
    }

    /** bin/loadgen, the launcher of the README, behaves as the jar does. */
    @Test
    void theLauncherBehavesTheSame() throws Exception {
        Path launcher = Path.of("bin", "loadgen").toAbsolutePath();
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = Map.of(
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(taken.getLocalPort()),
                    "LOADGEN_AOT",
                    "off",
                    "LOADGEN_APP_DIR",
                    Path.of(System.getProperty(AppProcess.JAR_PROPERTY))
                            .getParent()
                            .toString(),
                    "LOADGEN_JAVA",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());

            Launched version = launch(launcher, env, "--version");
            assertThat(version.code()).as(version.output()).isZero();
            assertThat(version.output()).startsWith("loadgen ").doesNotContain(QUARKUS_PORT_LINES);

            Launched run = launch(launcher, env, "--records", "10", "--bootstrap-servers", "127.0.0.1:1");
            assertThat(run.code()).as(run.output()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(run.output().lines().toList())
                    .containsExactly("loadgen: cannot serve /q/metrics on port "
                            + taken.getLocalPort()
                            + ": Address already in use; choose another port with QUARKUS_HTTP_PORT=PORT or "
                            + "-Dquarkus.http.port=PORT (0 picks a free one)");
        }
    }

    private record Launched(int code, String output) {}

    private static Launched launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("LOADGEN_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Launched(process.exitValue(), output);
    }

    @Test
    void portZeroPrintsThePortChosenOnceAndItServesTheMetrics() throws Exception {
        String topic = KafkaBroker.uniqueTopic("port-zero");
        try (AppProcess app = AppProcess.start(
                Map.of("QUARKUS_HTTP_PORT", "0", "KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers()),
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "100",
                "--metrics-linger",
                "2m")) {
            assertThat(app.awaitStdoutLine(l -> l.contains("(--metrics-linger)"), TIMEOUT))
                    .as(app.stdout() + app.stderr())
                    .isTrue();
            List<String> lines = app.stdout()
                    .lines()
                    .filter(l -> l.startsWith("metrics at "))
                    .toList();
            assertThat(lines).hasSize(1);
            Matcher url = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:(\\d+)/q/metrics)")
                    .matcher(lines.get(0));
            assertThat(url.matches()).as(lines.get(0)).isTrue();
            assertThat(Integer.parseInt(url.group(2))).isPositive();

            HttpResponse<String> scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url.group(1)))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("loadgen_");

            app.terminate();
            app.waitFor(TIMEOUT);
        }
    }

    /**
     * A port setting that is not a port broke the boot with a stack trace, and help with a config error: help still
     * shows, a run names the variable in one line and exits 2, before it connects.
     */
    @Test
    void aPortThatIsNotAPortIsOneLineOfBadUsage() throws Exception {
        for (String bad : List.of("abc", "99999")) {
            Map<String, String> env =
                    Map.of("QUARKUS_HTTP_PORT", bad, "KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers());
            try (AppProcess help = AppProcess.start(env, "--help")) {
                assertThat(help.waitFor(TIMEOUT)).as(help.stderr()).isEqualTo(0);
                assertThat(help.stdout()).contains("Usage: loadgen");
            }
            String topic = KafkaBroker.uniqueTopic("port-invalid");
            try (AppProcess run = AppProcess.start(env, "--topic", topic, "--create-topic", "--records", "10")) {
                assertThat(run.waitFor(TIMEOUT)).as(run.stderr()).isEqualTo(ExitCodes.USAGE);
                assertThat(run.stderr().lines().toList())
                        .containsExactly(
                                "loadgen: QUARKUS_HTTP_PORT '" + bad
                                        + "' is not a port: give 0-65535 (0 picks a free one)",
                                "Try 'loadgen run --help' for the options.");
                assertThat(run.stdout()).doesNotContain("loadgen run ");
                Summary.assertNoStackTrace(run.stdout(), run.stderr());
            }
            assertThat(OutputPathsCommandTest.topicExists(topic))
                    .as("nothing was created or sent")
                    .isFalse();
        }
    }
}
