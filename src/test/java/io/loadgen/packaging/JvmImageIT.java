package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cli.ExitCodes;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.ImageUnderTest;
import io.loadgen.testing.ImageUnderTest.NeedsImage;
import io.loadgen.testing.ImageUnderTest.Result;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM image ({@code scripts/image.sh}) as users start it: {@code docker run} with env vars alone, against a real
 * broker (the test's, on 127.0.0.1, reached through {@code --network host}). Skipped with its reason where no image
 * was built; {@code .ci/run} builds it and requires these tests.
 */
@NeedsImage
@Timeout(300)
class JvmImageIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @BeforeAll
    static void image() {
        ImageUnderTest.requireAvailable();
    }

    /** The README's docker run line: the topic holds exactly what the summary says was acknowledged. */
    @Test
    void envAloneConfiguresARunAndTheTopicHoldsWhatTheSummaryCounts() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("image-env");

        try (AppProcess app = ImageUnderTest.run(
                ImageUnderTest.containerName("env"),
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        KafkaBroker.bootstrapServers(),
                        "LOADGEN_TOPIC",
                        topic,
                        "LOADGEN_CREATE_TOPIC",
                        "true",
                        "LOADGEN_RECORDS",
                        "200000"))) {
            assertThat(app.waitFor(RUN_TIMEOUT))
                    .as("exit code; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                    .isEqualTo(ExitCodes.OK);
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("COMPLETED");
            assertThat(summary.sent()).isEqualTo(200_000);
            assertThat(KafkaBroker.countTopic(topic)).isEqualTo(summary.sent());
            assertThat(app.stdout())
                    .as("the JVM's own notes stay out of the report")
                    .doesNotContain("[aot]", "[cds]");
        }
    }

    @Test
    void badInputThroughEnvIsOneLineAndExitTwo() throws InterruptedException {
        try (AppProcess app = ImageUnderTest.run(
                ImageUnderTest.containerName("bad"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers(), "LOADGEN_COMPRESSION", "brotli"))) {
            assertThat(app.waitFor(RUN_TIMEOUT)).isEqualTo(ExitCodes.USAGE);
            assertThat(app.stderr().lines().findFirst())
                    .contains("loadgen: --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli' "
                            + "(from env LOADGEN_COMPRESSION)");
            assertThat(app.stdout()).doesNotContain("loadgen summary");
            Summary.assertNoStackTrace(app.stdout(), app.stderr());
        }
    }

    /**
     * {@code docker stop} sends SIGTERM to the container's main process: the JVM itself (bin/loadgen ends in exec),
     * so loadgen stops gracefully, prints the partial summary into the container's log and exits 130, which docker
     * passes on unchanged. Every record counted as acknowledged is in the topic.
     */
    @Test
    void dockerStopGivesThePartialSummaryAndTheInterruptedExitCode() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("image-stop");

        try (AppProcess app = ImageUnderTest.run(
                ImageUnderTest.containerName("stop"),
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        KafkaBroker.bootstrapServers(),
                        "LOADGEN_TOPIC",
                        topic,
                        "LOADGEN_CREATE_TOPIC",
                        "true",
                        "LOADGEN_RATE",
                        "5000",
                        "LOADGEN_DURATION",
                        "60s",
                        "LOADGEN_REPORT_INTERVAL",
                        "1s"))) {
            assertThat(app.awaitStdoutLine(
                            line -> line.matches("\\[\\s*\\d+\\.\\ds] .* total [1-9][\\d,]*, .*"), RUN_TIMEOUT))
                    .as("progress shows records flowing; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                    .isTrue();
            long stopped = System.nanoTime();
            app.terminate();

            assertThat(app.waitFor(RUN_TIMEOUT))
                    .as("exit code; stderr:\n%s", app.stderr())
                    .isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped))
                    .as("stopped before docker's 30 s SIGKILL")
                    .isLessThan(Duration.ofSeconds(25));
            assertThat(app.stderr()).contains("SIGTERM received");
            Summary summary = Summary.parse(app.stdout());
            assertThat(summary.status()).isEqualTo("INTERRUPTED");
            assertThat(summary.sent()).isPositive();
            assertThat(KafkaBroker.countTopic(topic)).isEqualTo(summary.sent());
        }
    }

    /**
     * The start-up cache recorded while the image was built is the one the launcher picks, and the JVM accepts it:
     * with -XX:AOTMode=on a JVM that cannot map the cache refuses to start instead of running without it.
     */
    @Test
    void theStartUpCacheRecordedAtBuildTimeIsUsedAsIs() {
        Result info = ImageUnderTest.exec(List.of("-e", "LOADGEN_LAUNCHER_INFO=1"), "/opt/loadgen/bin/loadgen");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output())
                .contains("options: -XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:CompileThresholdScaling=5")
                .containsPattern("start-up cache: /opt/loadgen/app/loadgen-\\d+\\.aot");

        Result strict = ImageUnderTest.exec(
                List.of(),
                "bash",
                "-c",
                "exec java $LOADGEN_JAVA_OPTS -XX:AOTMode=on -XX:AOTCache=$(ls /opt/loadgen/app/*.aot) "
                        + "-jar /opt/loadgen/app/quarkus-run.jar --version");
        assertThat(strict.exitCode()).as(strict.output()).isZero();
        assertThat(strict.output()).contains("loadgen");
    }

    /** The heap follows the container's memory limit (75% of it), and the app runs as a user without root. */
    @Test
    void theHeapIsSizedFromTheMemoryLimitAndTheUserIsNotRoot() {
        Result flags = ImageUnderTest.exec(
                List.of("--memory", "1g"), "bash", "-c", "exec java $LOADGEN_JAVA_OPTS -XX:+PrintFlagsFinal -version");
        assertThat(flags.exitCode()).as(flags.output()).isZero();
        assertThat(flags.output()).containsPattern("MaxHeapSize\\s+= " + (768L << 20) + "\\s");

        Result user = ImageUnderTest.exec(List.of(), "id", "-u");
        assertThat(user.output().strip()).isEqualTo("185");
    }
}
