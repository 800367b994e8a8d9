package io.loadgen.testing;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether a Docker engine is usable, for tests that need Testcontainers. Asking Testcontainers alone would work, but
 * where there is no engine at all it logs an ERROR with every strategy it tried; so first look for any sign of an
 * engine (DOCKER_HOST, a Testcontainers config file, a known socket) and ask Testcontainers only then.
 */
public final class Docker {

    private static final String HOME = System.getProperty("user.home");
    private static final List<Path> SIGNS = List.of(Path.of("/var/run/docker.sock"), Path.of(HOME, ".testcontainers.properties"),
            Path.of(HOME, ".docker/run/docker.sock"), Path.of(HOME, ".docker/desktop/docker.sock"),
            Path.of(HOME, ".colima/default/docker.sock"), Path.of(HOME, ".rd/docker.sock"));

    private static Boolean available;

    private Docker() {
    }

    /** For {@code @EnabledIf("io.loadgen.testing.Docker#available")}. */
    public static synchronized boolean available() {
        if (available == null) available = mayHaveEngine() && DockerClientFactory.instance().isDockerAvailable();
        return available;
    }

    private static boolean mayHaveEngine() {
        if (System.getenv("DOCKER_HOST") != null) return true;
        // Windows uses a named pipe we cannot cheaply probe; let Testcontainers decide there
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")) return true;
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && (Files.exists(Path.of(runtimeDir, "docker.sock"))
                || Files.exists(Path.of(runtimeDir, "podman/podman.sock")))) return true;
        return SIGNS.stream().anyMatch(Files::exists);
    }
}
