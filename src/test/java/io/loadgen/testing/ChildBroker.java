package io.loadgen.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker ({@link KafkaBroker}'s, from Kafka's own test kit) in a JVM of its own, so a test can
 * make it vanish the way a crashed or partitioned host does: {@link #freeze()} stops the process (SIGSTOP), its
 * connections stay open and nothing answers; {@link #thaw()} lets it go on. No in-JVM broker can be frozen like that.
 *
 * <p>The child prints its address, then serves until its standard input closes.
 */
public final class ChildBroker implements AutoCloseable {

    private static final String ADDRESS_LINE = "child-broker-bootstrap-servers=";

    private final Process process;
    private final String bootstrapServers;

    private ChildBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker with this JVM's class path (the test class path, where Kafka's test kit is). */
    public static ChildBroker start() {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ChildBroker.class.getName());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = new CompletableFuture<>();
        // Reads to the end, not only to the address: a child whose output nobody reads blocks once the pipe is full.
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.startsWith(ADDRESS_LINE)) address.complete(line.substring(ADDRESS_LINE.length()));
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                    address.complete(null);
                },
                "child-broker-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String servers = address.get(90, TimeUnit.SECONDS);
            if (servers == null) throw new IllegalStateException("the child broker ended before it was ready");
            return new ChildBroker(process, servers);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("cannot start a Kafka broker in a child process", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker's process where it stands (SIGSTOP): connections stay open, nothing is answered. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen broker go on (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            thaw();
            process.getOutputStream().close(); // the child's cue to shut its broker down
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child: start the broker, say where it is, serve until standard input closes. */
    public static void main(String[] args) throws IOException {
        System.out.println(ADDRESS_LINE + KafkaBroker.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the parent closes our input (or dies)
        }
        System.exit(0); // the shutdown hook of KafkaBroker closes the broker
    }
}
