package io.loadgen.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a child process, the way a user
 * or a container runs it: its own JVM, configured by env vars and arguments, stopped by signals. Output is collected
 * line by line as it comes, so a test can wait for progress before signalling.
 */
public final class AppProcess implements AutoCloseable {

    /** Set by failsafe (see pom.xml) once {@code package} has built the jar. */
    public static final String JAR_PROPERTY = "loadgen.app.jar";

    private final Process process;
    private final Runnable terminate;
    private final Runnable kill;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outPump;
    private final Thread errPump;

    private AppProcess(Process process) {
        this(process, () -> process.toHandle().destroy(), process::destroyForcibly);
    }

    /**
     * A process whose signals go another way than to the process itself: a {@code docker run} client, whose
     * container is stopped through the Docker daemon ({@link ImageUnderTest}).
     */
    AppProcess(Process process, Runnable terminate, Runnable kill) {
        this.process = process;
        this.terminate = terminate;
        this.kill = kill;
        this.outPump = pump(process.getInputStream(), out, "stdout");
        this.errPump = pump(process.getErrorStream(), err, "stderr");
    }

    /**
     * Starts the app with exactly these {@code LOADGEN_*}/{@code KAFKA_*} variables (any inherited from the shell are
     * dropped, so a developer's environment cannot change a test) and an ephemeral HTTP port.
     */
    public static AppProcess start(Map<String, String> env, String... args) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no application jar at system property " + JAR_PROPERTY + "=" + jar
                    + "; run this test with failsafe after 'package' (./mvnw verify)");
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("LOADGEN_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(env);
        try {
            return new AppProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a line of stdout matches; false if the process ended or the time ran out first. */
    public boolean awaitStdoutLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        return awaitLine(out, matches, timeout);
    }

    /** Waits until a line of stderr matches; false if the process ended or the time ran out first. */
    public boolean awaitStderrLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        return awaitLine(err, matches, timeout);
    }

    private boolean awaitLine(List<String> lines, Predicate<String> matches, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(matches)) return true;
            }
            if (!process.isAlive()) return false;
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * Sends SIGTERM (on Linux and macOS), as Kubernetes does to stop a pod: to the process, or for a container to
     * its main process, as {@code docker stop} does. Through the process handle: on Linux {@link Process#destroy()}
     * also closes our ends of the pipes, so whatever the app prints while stopping (the partial summary) would be lost.
     */
    public void terminate() {
        terminate.run();
    }

    /** SIGKILL: a crash, an OOM kill, a node lost; nothing the app can react to. */
    public void kill() {
        kill.run();
    }

    /** The exit code; fails (after killing the process) if it does not end in time. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the app did not exit within " + timeout + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        outPump.join(5_000);
        errPump.join(5_000);
        return process.exitValue();
    }

    public String stdout() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    public String stderr() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill.run();
            process.destroyForcibly();
        }
    }

    private static Thread pump(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line; (line = reader.readLine()) != null; ) lines.add(line);
                    } catch (IOException e) {
                        // the process went away; what was read is kept
                    }
                },
                "app-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
