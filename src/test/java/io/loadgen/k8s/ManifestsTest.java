package io.loadgen.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests in k8s/, checked without a cluster: every object parses strictly into fabric8's model (unknown
 * fields, wrong types and duplicate keys fail), and each rendered overlay has what a sharded run depends on.
 * The rendered files are kustomize's output, committed by k8s/render.sh; where kubectl exists, they must be fresh.
 */
@Timeout(60)
class ManifestsTest {

    static final Path K8S = Path.of(System.getProperty("basedir", ".")).resolve("k8s");

    /** What each shipped overlay promises beyond the common rules. An overlay not listed gets the common rules only. */
    record Expected(int shards, boolean podMonitor) {}

    static final Map<String, Expected> EXPECTED = Map.of(
            "small", new Expected(3, false),
            "large", new Expected(20, true));

    static final String RUN_ID_FIELD = "metadata.labels['batch.kubernetes.io/controller-uid']";
    static final String METRICS_PORT_NAME = "metrics";
    static final int HTTP_PORT = 8080;
    static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    // ---------------------------------------------------------------- sources

    static Stream<Path> sourceManifests() throws IOException {
        return Stream.concat(yamlFiles(K8S.resolve("base")), componentFiles()).filter(p -> !isKustomization(p));
    }

    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(ManifestsTest::isKustomization).sorted().toList().stream();
        }
    }

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theShippedOverlaysExist() throws IOException {
        assertThat(overlays()).containsAll(EXPECTED.keySet());
        assertThat(sourceManifests())
                .extracting(p -> K8S.relativize(p).toString())
                .contains("base/job.yaml", "base/secret-example.yaml", "components/podmonitor/podmonitor.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceManifests")
    void sourceManifestParsesStrictly(Path file) throws IOException {
        List<HasMetadata> objects = StrictYaml.read(file);
        assertThat(objects).as("%s: objects", file).isNotEmpty();
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getMetadata().getName())
                        .as("%s: metadata.name", file)
                        .isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void kustomizationIsWellFormed(Path file) throws IOException {
        List<JsonNode> docs = StrictYaml.readTrees(file);
        assertThat(docs).as("%s: YAML documents", file).hasSize(1);
        assertThat(docs.get(0).path("kind").asText()).as("%s: kind", file).isIn("Kustomization", "Component");
    }

    @Test
    void theExampleSecretIsAnExampleAndNotApplied() throws IOException {
        List<HasMetadata> objects = StrictYaml.read(K8S.resolve("base/secret-example.yaml"));
        assertThat(objects).hasSize(1);
        Secret secret = (Secret) objects.get(0);
        assertThat(secret.getStringData())
                .containsKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG");
        assertThat(secret.getStringData().get("KAFKA_SASL_JAAS_CONFIG")).contains("CHANGE-ME");
        assertThat(StrictYaml.readTrees(K8S.resolve("base/kustomization.yaml"))
                        .get(0)
                        .path("resources")
                        .toString())
                .as("placeholder credentials must never be applied by kubectl apply -k")
                .doesNotContain("secret-example");
        // The Job must find it by the name the example gives it, and start without it.
        assertThat(RenderedOverlay.load(K8S, "small").container().getEnvFrom())
                .filteredOn(e -> e.getSecretRef() != null)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getSecretRef().getName())
                            .isEqualTo(secret.getMetadata().getName());
                    assertThat(e.getSecretRef().getOptional()).isTrue();
                });
    }

    // ---------------------------------------------------------------- rendered overlays

    @Test
    void everyOverlayIsRenderedAndEveryRenderingHasItsOverlay() throws IOException {
        List<String> rendered;
        try (Stream<Path> files = Files.list(K8S.resolve("rendered"))) {
            rendered = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(rendered)
                .as("k8s/rendered (run k8s/render.sh)")
                .containsExactlyElementsOf(overlays().map(o -> o + ".yaml").toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shardCountIsOneNumber(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        JobSpec spec = r.job().getSpec();
        int shards = Integer.parseInt(r.runConfig().getData().get("LOADGEN_SHARD_COUNT"));

        assertThat(spec.getCompletions())
                .as("%s: completions = LOADGEN_SHARD_COUNT", overlay)
                .isEqualTo(shards);
        assertThat(spec.getParallelism())
                .as("%s: parallelism = LOADGEN_SHARD_COUNT (all shards at once)", overlay)
                .isEqualTo(shards);
        Optional.ofNullable(EXPECTED.get(overlay))
                .ifPresent(
                        e -> assertThat(shards).as("%s: shard count", overlay).isEqualTo(e.shards()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void jobIsIndexedRetriesOnlyWhatCanSucceedAndCleansUp(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        JobSpec spec = r.job().getSpec();
        String container = r.container().getName();

        assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
        assertThat(r.pod().getRestartPolicy())
                .as("required by backoffLimitPerIndex and podFailurePolicy")
                .isEqualTo("Never");
        assertThat(spec.getBackoffLimitPerIndex()).isNotNull().isBetween(0, 3);
        assertThat(spec.getMaxFailedIndexes()).isNotNull().isBetween(0, spec.getCompletions());
        assertThat(spec.getTtlSecondsAfterFinished()).isNotNull().isPositive();
        assertThat(spec.getActiveDeadlineSeconds()).isNotNull().isPositive();

        List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
        assertThat(rules)
                .as("%s: FailIndex on exit codes 2 (bad config) and 3 (SLO gate)", overlay)
                .anySatisfy(rule -> {
                    assertThat(rule.getAction()).isEqualTo("FailIndex");
                    assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(container);
                    assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
                    assertThat(rule.getOnExitCodes().getValues()).contains(2, 3).doesNotContain(0, 1, 130);
                });
        assertThat(rules)
                .as("%s: evictions and drains do not count against an index", overlay)
                .anySatisfy(rule -> {
                    assertThat(rule.getAction()).isEqualTo("Ignore");
                    assertThat(rule.getOnPodConditions()).anySatisfy(c -> {
                        assertThat(c.getType()).isEqualTo("DisruptionTarget");
                        assertThat(c.getStatus()).isEqualTo("True");
                    });
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podRunsHardenedWithBoundedResources(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        PodSpec pod = r.pod();
        Container c = r.container();
        SecurityContext sc = c.getSecurityContext();

        assertThat(pod.getSecurityContext())
                .as("%s: pod securityContext", overlay)
                .isNotNull();
        boolean podNonRoot = Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
        assertThat(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot()))
                .as("%s: runAsNonRoot", overlay)
                .isTrue();
        if (pod.getSecurityContext().getRunAsUser() != null) {
            assertThat(pod.getSecurityContext().getRunAsUser())
                    .as("%s: runAsUser", overlay)
                    .isPositive();
        }
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(sc.getAllowPrivilegeEscalation())
                .as("%s: allowPrivilegeEscalation", overlay)
                .isFalse();
        assertThat(sc.getReadOnlyRootFilesystem())
                .as("%s: readOnlyRootFilesystem", overlay)
                .isTrue();
        assertThat(sc.getCapabilities().getDrop())
                .as("%s: capabilities.drop", overlay)
                .containsExactly("ALL");
        assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getAutomountServiceAccountToken())
                .as("%s: no API token in the pod", overlay)
                .isFalse();
        assertThat(pod.getEnableServiceLinks())
                .as(
                        "%s: Service links off (a Service named kafka would inject KAFKA_PORT etc. as producer properties)",
                        overlay)
                .isFalse();

        // The read-only root needs a writable /tmp: JVM perf data, native compression libraries.
        VolumeMount tmp = c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no volume at /tmp"));
        Volume tmpVolume = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(tmp.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no volume " + tmp.getName()));
        assertThat(tmpVolume.getEmptyDir())
                .as("%s: /tmp is an emptyDir", overlay)
                .isNotNull();

        ResourceRequirements res = c.getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = res.getRequests().get(resource);
            Quantity limit = res.getLimits().get(resource);
            assertThat(request).as("%s: requests.%s", overlay, resource).isNotNull();
            assertThat(limit).as("%s: limits.%s", overlay, resource).isNotNull();
            assertThat(Quantity.getAmountInBytes(request))
                    .as("%s: %s request <= limit", overlay, resource)
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
        }
        assertThat(Quantity.getAmountInBytes(res.getLimits().get("memory")))
                .as("%s: memory limit leaves a JVM room for heap and native memory", overlay)
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(new Quantity("1Gi")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesAndMetricsUseTheHttpPort(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        Container c = r.container();

        ContainerPort metrics = c.getPorts().stream()
                .filter(p -> METRICS_PORT_NAME.equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no container port named " + METRICS_PORT_NAME));
        assertThat(metrics.getContainerPort()).isEqualTo(HTTP_PORT);

        assertProbe(overlay, "startupProbe", c.getStartupProbe(), "/q/health/live", metrics);
        assertProbe(overlay, "livenessProbe", c.getLivenessProbe(), "/q/health/live", metrics);
        assertProbe(overlay, "readinessProbe", c.getReadinessProbe(), "/q/health/ready", metrics);

        Map<String, String> annotations =
                r.job().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations)
                .as("%s: plain-Prometheus scrape annotations on the pod", overlay)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(HTTP_PORT));
    }

    private static void assertProbe(String overlay, String which, Probe probe, String path, ContainerPort metrics) {
        assertThat(probe).as("%s: %s", overlay, which).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s: %s.httpGet", overlay, which).isNotNull();
        assertThat(get.getPath()).as("%s: %s path", overlay, which).isEqualTo(path);
        boolean byName = metrics.getName().equals(get.getPort().getStrVal());
        boolean byNumber = metrics.getContainerPort().equals(get.getPort().getIntVal());
        assertThat(byName || byNumber)
                .as("%s: %s port %s is the HTTP port", overlay, which, get.getPort())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void environmentIsWiredForSharding(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        Container c = r.container();
        ConfigMap config = r.runConfig(); // fails unless the envFrom ConfigMap is in the rendered output
        Map<String, String> data = config.getData();

        EnvVar runId = env(c, "LOADGEN_RUN_ID")
                .orElseThrow(() -> new AssertionError(overlay + ": LOADGEN_RUN_ID is not set on the container"));
        assertThat(runId.getValue()).as("%s: run id is not a literal", overlay).isNull();
        assertThat(runId.getValueFrom().getFieldRef().getFieldPath())
                .as("%s: run id = the Job's UID, shared by all its pods", overlay)
                .isEqualTo(RUN_ID_FIELD);

        assertThat(data)
                .as("%s: ConfigMap %s", overlay, config.getMetadata().getName())
                .containsKeys(
                        "LOADGEN_SHARD_COUNT",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "LOADGEN_RESULTS_TOPIC",
                        "LOADGEN_METRICS_LINGER",
                        "LOADGEN_RECORDS",
                        "LOADGEN_RATE")
                // Kubernetes sets the index per pod; a fixed value would give every pod the same shard. A fixed
                // run id would merge the results of different runs.
                .doesNotContainKeys("JOB_COMPLETION_INDEX", "LOADGEN_RUN_ID");
        assertThat(data.keySet())
                .as("%s: run parameters are LOADGEN_* options or KAFKA_* producer properties", overlay)
                .allMatch(k -> k.matches("(LOADGEN|KAFKA)_[A-Z0-9_]+"));
        assertThat(env(c, "JOB_COMPLETION_INDEX"))
                .as("%s: JOB_COMPLETION_INDEX is Kubernetes's to set", overlay)
                .isEmpty();
        // The image's launcher (bin/loadgen) sizes the heap from the memory limit itself. run-java.sh's variables
        // would be silently ignored, and LOADGEN_JAVA_OPTS would leave the image's start-up cache unused.
        for (String ignoredOrCostly :
                List.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "LOADGEN_JAVA_OPTS")) {
            assertThat(env(c, ignoredOrCostly))
                    .as("%s: %s on the container", overlay, ignoredOrCostly)
                    .isEmpty();
            assertThat(data)
                    .as("%s: %s in the ConfigMap", overlay, ignoredOrCostly)
                    .doesNotContainKey(ignoredOrCostly);
        }

        assertThat(c.getEnvFrom())
                .filteredOn(e -> e.getSecretRef() != null)
                .as("%s: SASL Secret optional, so the Job runs without it", overlay)
                .allSatisfy(e -> assertThat(e.getSecretRef().getOptional()).isTrue());

        Map<String, String> jobLabels = r.job().getMetadata().getLabels();
        Map<String, String> podLabels =
                r.job().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(jobLabels).containsEntry("app.kubernetes.io/name", "kafka-loadgen");
        assertThat(podLabels).containsEntry("app.kubernetes.io/name", "kafka-loadgen");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podMonitorScrapesThePodsWhileTheyRun(String overlay) throws IOException {
        RenderedOverlay r = RenderedOverlay.load(K8S, overlay);
        List<PodMonitor> monitors = r.podMonitors();
        Optional.ofNullable(EXPECTED.get(overlay))
                .ifPresent(
                        e -> assertThat(monitors).as("%s: PodMonitors", overlay).hasSize(e.podMonitor() ? 1 : 0));
        if (monitors.isEmpty()) {
            return;
        }
        PodMonitor monitor = monitors.get(0);
        Map<String, String> podLabels =
                r.job().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels)
                .as("%s: the PodMonitor's selector matches the pods", overlay)
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();

        PodMetricsEndpoint endpoint = monitor.getSpec().getPodMetricsEndpoints().get(0);
        assertThat(endpoint.getPort()).isEqualTo(METRICS_PORT_NAME);
        assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
        assertThat(endpoint.getInterval()).isEqualTo("5s");

        // The operator drops pods that are no longer Running: the pod must outlive the run by a few scrapes.
        Duration linger = duration(r.runConfig().getData().get("LOADGEN_METRICS_LINGER"));
        assertThat(linger)
                .as("%s: LOADGEN_METRICS_LINGER vs scrape interval", overlay)
                .isGreaterThanOrEqualTo(duration(endpoint.getInterval()).multipliedBy(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void committedRenderingIsFresh(String overlay) throws Exception {
        Optional<Path> kubectl = Kubectl.find();
        assumeTrue(
                kubectl.isPresent(),
                "no kubectl (on PATH or in $KUBECTL): cannot re-render k8s/overlays/" + overlay
                        + " to compare it with k8s/rendered/" + overlay + ".yaml (the strict checks above still ran)");

        String fresh = Kubectl.kustomize(kubectl.get(), K8S.resolve("overlays").resolve(overlay));
        // Compared as YAML trees: formatting or key order of another kustomize version is no difference.
        assertThat(StrictYaml.readTrees(K8S.resolve("rendered").resolve(overlay + ".yaml")))
                .as("k8s/rendered/%s.yaml is stale: run k8s/render.sh and commit the result", overlay)
                .isEqualTo(StrictYaml.readTrees(fresh));
    }

    // ---------------------------------------------------------------- the parser is strict

    static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: strictness
            spec:
              completionMode: Indexed
              completions: 2
              parallelism: 2
              %s
              template:
                metadata:
                  annotations:
                    prometheus.io/port: "8080"
                spec:
                  restartPolicy: Never
                  containers:
                    - name: loadgen
                      image: kafka-loadgen:latest
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void theValidFormParses() throws IOException {
        Job job = (Job)
                StrictYaml.read(JOB.formatted("ttlSecondsAfterFinished: 3600")).get(0);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
    }

    @Test
    void aTypoedFieldFails() {
        String typo = JOB.formatted("ttlSecondsAfterFinishd: 3600");
        assertThatThrownBy(() -> StrictYaml.read(typo))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("ttlSecondsAfterFinishd");
    }

    @Test
    void fabric8AloneWouldHaveAcceptedTheTypo() throws IOException {
        // Why the strict mapper exists: fabric8's any-setter files unknown fields away without a word.
        ObjectMapper lenient = new ObjectMapper(new YAMLFactory());
        Job job = lenient.readValue(JOB.formatted("ttlSecondsAfterFinishd: 3600"), Job.class);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
        assertThat(job.getSpec().getAdditionalProperties()).containsKey("ttlSecondsAfterFinishd");
    }

    @Test
    void aTypoDeepInTheContainerFails() {
        String typo = JOB.formatted("ttlSecondsAfterFinished: 3600")
                .replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");
        assertThatThrownBy(() -> StrictYaml.read(typo))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void aStringWhereTheApiWantsAnIntegerFails() {
        String quoted = JOB.formatted("ttlSecondsAfterFinished: 3600").replace("completions: 2", "completions: \"2\"");
        assertThatThrownBy(() -> StrictYaml.read(quoted)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aNumberWhereTheApiWantsAStringFails() {
        String unquoted = JOB.formatted("ttlSecondsAfterFinished: 3600").replace("\"8080\"", "8080");
        assertThatThrownBy(() -> StrictYaml.read(unquoted)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aKeyGivenTwiceFails() {
        String twice = JOB.formatted("ttlSecondsAfterFinished: 3600\n  ttlSecondsAfterFinished: 60");
        assertThatThrownBy(() -> StrictYaml.read(twice))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("ttlSecondsAfterFinished");
    }

    @Test
    void aTypoInThePodMonitorFails() throws IOException {
        String monitor = Files.readString(K8S.resolve("components/podmonitor/podmonitor.yaml"));
        assertThat(StrictYaml.read(monitor)).hasSize(1);
        assertThatThrownBy(() -> StrictYaml.read(monitor.replace("podMetricsEndpoints:", "podMetricEndpoints:")))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("podMetricEndpoints");
    }

    @Test
    void anUnknownKindFails() {
        String cronJob = JOB.formatted("ttlSecondsAfterFinished: 3600").replace("kind: Job", "kind: CronJob");
        assertThatThrownBy(() -> StrictYaml.read(cronJob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch/v1/CronJob");
    }

    // ---------------------------------------------------------------- helpers

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv() == null
                ? Optional.empty()
                : c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static Duration duration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.strip());
        assertThat(m.matches())
                .as("duration '%s' (expected e.g. 30s, 500ms, 2m)", text)
                .isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static boolean isKustomization(Path p) {
        return p.getFileName().toString().equals("kustomization.yaml");
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static Stream<Path> componentFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S.resolve("components"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}
