package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/loadgen}, the launcher the README and the benchmark use: its first completed load run records a
 * start-up cache next to the jar (an AOT cache on JDK 25+, a CDS archive on 17-24: whichever JDK runs the tests),
 * later runs start from it, and a run that fails records nothing. Works on a copy of {@code target/quarkus-app}, so
 * the developer's own cache is left alone.
 */
@Timeout(240)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin", "loadgen").toAbsolutePath();

    @TempDir
    Path app;

    @Test
    void theFirstCompletedRunRecordsACacheAndTheNextStartsFromIt() throws Exception {
        copyApp();
        String topic = KafkaBroker.uniqueTopic("launcher");
        String[] run = run(topic, 2000);

        assertThat(launcherInfo()).contains("start-up cache: to be recorded by the next run");
        Result first = launch(Map.of(), run);
        assertThat(first.code).as(first.output).isZero();
        List<Path> caches = caches();
        assertThat(caches).as("cache files in %s after a completed run", app).hasSize(1);
        assertThat(first.output)
                .contains("start-up cache")
                .contains(caches.get(0).toString());
        assertThat(launcherInfo()).contains("start-up cache: " + caches.get(0));

        // Sharing required: the JVM refuses to start if it cannot map the cache (a mismatch is otherwise silent).
        String require = caches.get(0).toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";
        Result second = launch(Map.of("LOADGEN_PROFILER_OPTS", require), run);
        assertThat(second.code).as(second.output).isZero();
        assertThat(second.output).contains("2,000 acknowledged, 0 failed").doesNotContain("start-up cache");
        assertThat(caches()).isEqualTo(caches);
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(4000);
    }

    @Test
    void aFailedRunRecordsNothingAndLoadgenAotOffSkipsTheCache() throws Exception {
        copyApp();
        Result failed = launch(
                Map.of(), "run", "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "1s", "--records", "10");
        assertThat(failed.code).as(failed.output).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(caches()).isEmpty();

        String topic = KafkaBroker.uniqueTopic("launcher-off");
        Result off = launch(Map.of("LOADGEN_AOT", "off"), run(topic, 500));
        assertThat(off.code).as(off.output).isZero();
        assertThat(caches()).isEmpty();
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(500);
    }

    /**
     * LOADGEN_JAVA_OPTS_APPEND (a trust store, a temporary directory, here a snappy-java setting that makes its codec
     * fail to load) applies to the first run too, the one that records the cache; it used to be dropped there.
     */
    @Test
    void appendedJavaOptionsApplyToTheRecordingRunToo() throws Exception {
        copyApp();
        String topic = KafkaBroker.uniqueTopic("launcher-append");
        Result first = launch(
                Map.of("LOADGEN_JAVA_OPTS_APPEND", "-Dorg.xerial.snappy.use.systemlib=true"),
                run(topic, 10, "--compression", "snappy"));
        assertThat(first.code).as(first.output).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(first.output).contains("compression snappy cannot be used here");
        assertThat(caches()).as("a failed run records nothing").isEmpty();
    }

    @Test
    void aJavaReachedThroughALinkIsKnownByTheJdkItLeadsTo(@TempDir Path elsewhere) throws Exception {
        // /usr/bin/java on Debian (and in the image): a link named like a JDK's bin/java, with no release file above.
        Path link = elsewhere.resolve("usr/bin/java");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(System.getProperty("java.home"), "bin", "java"));
        copyApp();

        String info = launch(Map.of("LOADGEN_LAUNCHER_INFO", "1", "LOADGEN_JAVA", link.toString())).output;

        assertThat(info).contains("java: " + link).contains("start-up cache: to be recorded by the next run");
    }

    /** {@code run} of {@code records} to a new topic on the test broker, then {@code more} options. */
    private static String[] run(String topic, int records, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--bootstrap-servers",
                KafkaBroker.bootstrapServers(),
                "--topic",
                topic,
                "--records",
                String.valueOf(records),
                "--create-topic"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private record Result(int code, String output) {}

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("LOADGEN_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("LOADGEN_APP_DIR", app.toString());
        builder.environment()
                .put(
                        "LOADGEN_JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private String launcherInfo() throws Exception {
        return launch(Map.of("LOADGEN_LAUNCHER_INFO", "1")).output;
    }

    private List<Path> caches() throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            return files.filter(f -> f.getFileName().toString().matches("loadgen-\\d+\\.(aot|jsa)"))
                    .sorted()
                    .toList();
        }
    }

    /** A copy of the packaged app (the jar failsafe points {@link AppProcess#JAR_PROPERTY} at, and its directory). */
    private void copyApp() throws IOException {
        Path source = Path.of(System.getProperty(AppProcess.JAR_PROPERTY)).getParent();
        try (Stream<Path> tree = Files.walk(source)) {
            tree.filter(p -> !p.getFileName().toString().matches("loadgen-.*\\.(aot|jsa|log)(\\..*)?"))
                    .forEach(p -> {
                        try {
                            Path target = app.resolve(source.relativize(p).toString());
                            if (Files.isDirectory(p)) Files.createDirectories(target);
                            else Files.copy(p, target);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
