package io.loadgen.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files (compose, Dockerfiles, Kubernetes manifests), as the tests read them. */
final class RepoFiles {

    static final Path ROOT = findRoot();
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path DOCKERFILE_NATIVE = ROOT.resolve("Dockerfile.native");
    static final Path DOCKER_DIR = ROOT.resolve("src/main/docker");
    static final Path K8S_DIR = ROOT.resolve("k8s");

    private RepoFiles() {}

    /** Maven runs tests in the project directory; an IDE may not, so look upwards for the pom. */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("docker-compose.yml")))
                return dir;
        }
        throw new IllegalStateException("cannot find the project root (pom.xml next to docker-compose.yml) from "
                + Path.of("").toAbsolutePath());
    }

    /** Every Dockerfile: Dockerfile* at the top level and everything in src/main/docker. */
    static List<Path> dockerfiles() {
        List<Path> files =
                new ArrayList<>(list(ROOT, 1, p -> p.getFileName().toString().startsWith("Dockerfile")));
        files.addAll(list(
                DOCKER_DIR, Integer.MAX_VALUE, p -> p.getFileName().toString().startsWith("Dockerfile")));
        return files;
    }

    /** Every file under k8s/ (manifests, kustomizations, env files), none when the directory does not exist. */
    static List<Path> kubernetesFiles() {
        return list(K8S_DIR, Integer.MAX_VALUE, p -> true);
    }

    /** The compose files at the top level (docker-compose*.yml, compose*.yaml, ...). */
    static List<Path> composeFiles() {
        return list(ROOT, 1, p -> p.getFileName().toString().matches("(docker-)?compose([.-].*)?\\.ya?ml"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML as maps and lists; anchors, aliases and merge keys ({@code <<:}) resolved as Compose resolves them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }

    private static List<Path> list(Path dir, int depth, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(Files::isRegularFile).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
