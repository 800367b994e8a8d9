package io.loadgen.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can run a given image here, and if not, why: for tests that skip with their reason where it
 * cannot. It needs more than an engine: a bridge network (a daemon started with {@code --bridge=none}, as on the CI
 * machines, has none, and Testcontainers fails on it) and the image, pulled or pullable.
 * <p>
 * Asking Testcontainers alone would work, but where there is no engine at all it logs an ERROR with every strategy it
 * tried; so first look for any sign of an engine (DOCKER_HOST, a Testcontainers config file, a known socket).
 */
public final class Docker {

    private static final String HOME = System.getProperty("user.home");
    private static final List<Path> SIGNS = List.of(
            Path.of("/var/run/docker.sock"),
            Path.of(HOME, ".testcontainers.properties"),
            Path.of(HOME, ".docker/run/docker.sock"),
            Path.of(HOME, ".docker/desktop/docker.sock"),
            Path.of(HOME, ".colima/default/docker.sock"),
            Path.of(HOME, ".rd/docker.sock"));

    private static final String NO_BRIDGE =
            "the Docker engine has no bridge network (dockerd --bridge=none), which Testcontainers needs";

    private Docker() {}

    /** On a test class: skipped, with the reason, unless Testcontainers can start {@link #image()} here. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(TestcontainersCondition.class)
    public @interface NeedsTestcontainers {
        String image();
    }

    static final class TestcontainersCondition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            NeedsTestcontainers needs = context.getRequiredTestClass().getAnnotation(NeedsTestcontainers.class);
            String reason = whyTestcontainersCannotRun(needs.image());
            return reason == null
                    ? ConditionEvaluationResult.enabled("Testcontainers can run " + needs.image())
                    : ConditionEvaluationResult.disabled(reason);
        }
    }

    /** Null when it can; else one line saying why not. Asked once per test JVM. */
    private static final Map<String, Optional<String>> REASONS = new HashMap<>();

    public static synchronized String whyTestcontainersCannotRun(String image) {
        return REASONS.computeIfAbsent(image, i -> Optional.ofNullable(check(i)))
                .orElse(null);
    }

    private static String check(String image) {
        if (!mayHaveEngine()) return "no Docker engine";
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) return "no Docker engine answers";
            DockerClient client = DockerClientFactory.lazyClient();
            boolean bridge = client.listNetworksCmd().exec().stream().anyMatch(n -> "bridge".equals(n.getDriver()));
            if (!bridge) return NO_BRIDGE;
            try {
                client.inspectImageCmd(image).exec();
            } catch (NotFoundException notPulled) {
                if (!client.pullImageCmd(image).start().awaitCompletion(120, TimeUnit.SECONDS)) {
                    return "pulling " + image + " took more than 120 s";
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking Docker";
        } catch (RuntimeException e) {
            // a bridgeless daemon answers Testcontainers' own start-up checks with "network bridge not found"
            if (firstLine(e).contains("network bridge not found")) return NO_BRIDGE;
            return "Docker cannot run " + image + " for Testcontainers: " + firstLine(e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    private static boolean mayHaveEngine() {
        if (System.getenv("DOCKER_HOST") != null) return true;
        // Windows uses a named pipe we cannot cheaply probe; let Testcontainers decide there
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")) return true;
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null
                && (Files.exists(Path.of(runtimeDir, "docker.sock"))
                        || Files.exists(Path.of(runtimeDir, "podman/podman.sock")))) return true;
        return SIGNS.stream().anyMatch(Files::exists);
    }
}
