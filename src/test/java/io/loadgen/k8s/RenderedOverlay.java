package io.loadgen.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One committed k8s/rendered/&lt;overlay&gt;.yaml, parsed strictly, with the objects a test asks about. */
record RenderedOverlay(String name, Path file, List<HasMetadata> objects) {

    static RenderedOverlay load(Path k8s, String overlay) throws IOException {
        Path file = k8s.resolve("rendered").resolve(overlay + ".yaml");
        return new RenderedOverlay(overlay, file, StrictYaml.read(file));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Job job() {
        List<Job> jobs = all(Job.class);
        assertThat(jobs).as("%s: Jobs", file).hasSize(1);
        return jobs.get(0);
    }

    PodSpec pod() {
        return job().getSpec().getTemplate().getSpec();
    }

    /** The load generator's container: the one the podFailurePolicy names. */
    Container container() {
        List<Container> containers = pod().getContainers();
        assertThat(containers).as("%s: containers of the Job", file).hasSize(1);
        return containers.get(0);
    }

    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** The ConfigMap the container reads its LOADGEN_* / KAFKA_* environment from. */
    ConfigMap runConfig() {
        List<String> refs = container().getEnvFrom().stream()
                .filter(e -> e.getConfigMapRef() != null)
                .map(e -> e.getConfigMapRef().getName())
                .toList();
        assertThat(refs).as("%s: envFrom configMapRefs", file).hasSize(1);
        return configMap(refs.get(0))
                .orElseThrow(() -> new AssertionError(file + ": the Job reads ConfigMap " + refs.get(0)
                        + ", which the rendered output does not contain"));
    }

    List<PodMonitor> podMonitors() {
        return all(PodMonitor.class);
    }
}
