package io.loadgen.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** kubectl, when this machine has it: only to re-render the overlays ({@code kubectl kustomize} needs no cluster). */
final class Kubectl {

    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(60);

    private Kubectl() {}

    /** The kubectl that k8s/render.sh would use: $KUBECTL, else the first kubectl on PATH. */
    static Optional<Path> find() {
        String explicit = System.getenv("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : onPath(explicit);
        }
        return onPath("kubectl");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Output of {@code kubectl kustomize DIR}; fails with kubectl's own message when it does. */
    static String kustomize(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("kubectl-kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(RENDER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("kubectl kustomize " + dir + " did not finish within " + RENDER_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IOException("kubectl kustomize " + dir + " exited " + process.exitValue() + ": "
                        + Files.readString(stderr).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
