package io.loadgen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JVM image ({@code scripts/image.sh}) run with the docker client, the way a user runs it: {@code docker run
 * --network host} with env vars, so the container reaches the test's broker on 127.0.0.1 (a daemon without a bridge
 * network, as on the CI machines, has no other network to give it).
 * <p>
 * Where no daemon answers or the image was not built, the tests skip with the reason; with
 * {@code IMAGE_TESTS=required} in the environment (set by {@code .ci/run}, which builds the image) they fail instead,
 * so CI cannot pass by skipping them. System properties {@code loadgen.image} and {@code loadgen.docker} pick another
 * image or docker client.
 */
public final class ImageUnderTest {

    public static final String IMAGE = System.getProperty("loadgen.image", "kafka-loadgen:jvm");
    /** Debian's client: the static one some machines put first on the PATH cannot build, and this one can. */
    public static final String DOCKER = System.getProperty(
            "loadgen.docker", Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker");

    private static final boolean REQUIRED = "required".equals(System.getenv("IMAGE_TESTS"));
    private static String unavailable;
    private static boolean checked;

    private ImageUnderTest() {}

    /**
     * On a test class: skipped, with the reason, where the image cannot run; where CI requires it
     * ({@code IMAGE_TESTS=required}), the class runs and fails in its {@code @BeforeAll} instead.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Condition.class)
    public @interface NeedsImage {}

    static final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = whyUnavailable();
            if (reason == null) return ConditionEvaluationResult.enabled(IMAGE + " is here");
            return REQUIRED
                    ? ConditionEvaluationResult.enabled("IMAGE_TESTS=required: fails in @BeforeAll")
                    : ConditionEvaluationResult.disabled(reason);
        }
    }

    /** For the {@code @BeforeAll} of a {@link NeedsImage} class: fails, saying why, unless the image can run. */
    public static void requireAvailable() {
        String reason = whyUnavailable();
        if (reason != null) throw new AssertionError((REQUIRED ? "IMAGE_TESTS=required, but " : "") + reason);
    }

    private static synchronized String whyUnavailable() {
        if (!checked) {
            checked = true;
            Result info = docker(List.of("info", "--format", "{{.ServerVersion}}"), 20);
            if (info.exitCode() != 0) {
                unavailable = "no Docker daemon answers '" + DOCKER + " info': "
                        + info.output().strip();
            } else if (docker(List.of("image", "inspect", IMAGE), 20).exitCode() != 0) {
                unavailable = "no image " + IMAGE + " (build it with scripts/image.sh)";
            }
        }
        return unavailable;
    }

    /**
     * {@code docker run --rm --network host} of the image, named so it can be stopped and killed like a pod. Only
     * the given variables reach the container. QUARKUS_HTTP_PORT=0 unless given: containers on the host network share
     * its ports, where pods each have their own.
     */
    public static AppProcess run(String name, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(DOCKER, "run", "--rm", "--name", name, "--network", "host"));
        if (!env.containsKey("QUARKUS_HTTP_PORT")) command.addAll(List.of("-e", "QUARKUS_HTTP_PORT=0"));
        env.forEach((k, v) -> command.addAll(List.of("-e", k + "=" + v)));
        command.add(IMAGE);
        command.addAll(List.of(args));
        try {
            Process client = new ProcessBuilder(command).start();
            // docker stop: SIGTERM to the container's main process, SIGKILL after 30 s (Kubernetes' default grace)
            return new AppProcess(
                    client, () -> async("stop", "--time", "30", name), () -> docker(List.of("kill", name), 30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh container name, so that parallel or leftover containers never clash. */
    public static String containerName(String prefix) {
        return "loadgen-test-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A one-off command in the image with another entrypoint, for what the image holds rather than what it runs. */
    public static Result exec(List<String> dockerRunOptions, String entrypoint, String... args) {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--network", "host"));
        command.addAll(dockerRunOptions);
        command.addAll(List.of("--entrypoint", entrypoint, IMAGE));
        command.addAll(List.of(args));
        return docker(command, 120);
    }

    public record Result(int exitCode, String output) {}

    /** Runs the docker client to its end (stdout and stderr together), within a time limit. */
    public static Result docker(List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(DOCKER);
        command.addAll(args);
        try {
            Path out = Files.createTempFile("docker", ".out");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + ": no answer within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static void async(String... args) {
        List<String> command = new ArrayList<>();
        command.add(DOCKER);
        command.addAll(List.of(args));
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
