package io.loadgen.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.loadgen.cli.ExitCodes;
import io.loadgen.testing.AppProcess;
import io.loadgen.testing.ImageUnderTest;
import io.loadgen.testing.ImageUnderTest.NeedsImage;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The small overlay's Indexed Job, run the way Kubernetes runs it, with containers of the JVM image in place of
 * pods: as many as the rendered Job's {@code completions}, started together, each with the ConfigMap's values, the
 * container's env (the run id, which the Job takes from its controller uid, is one value for all) and its own
 * {@code JOB_COMPLETION_INDEX}. Only what a pod has and a container on this machine has not is replaced: the
 * cluster's bootstrap address by the test's broker, the topics by fresh ones, and the HTTP port (pods each have their
 * own network; containers on the host network share one).
 */
@NeedsImage
@Timeout(300)
class IndexedJobContainersIT {

    private static final Path K8S = Path.of("k8s");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);

    @BeforeAll
    static void image() {
        ImageUnderTest.requireAvailable();
    }

    /**
     * The fleet sends exactly LOADGEN_RECORDS between its pods, and shard 0 prints the fleet report. A throughput
     * gate set for the Job (one ConfigMap value for all pods) is the fleet's: met by the fleet while each pod sends a
     * third of it, so every pod exits 0.
     */
    @Test
    void thePodsOfTheJobSendTheRequestedTotalAndShardZeroReportsTheFleet() throws Exception {
        RenderedOverlay overlay = RenderedOverlay.load(K8S, "small");
        Map<String, String> env = podEnvironment(overlay, "job");
        long rate = Long.parseLong(env.get("LOADGEN_RATE"));
        env.put("LOADGEN_MIN_THROUGHPUT", String.valueOf(rate * 8 / 10));
        int pods = completions(overlay);

        List<AppProcess> containers = start(env, pods);
        try {
            List<Integer> codes = new ArrayList<>();
            for (AppProcess c : containers) {
                codes.add(c.waitFor(RUN_TIMEOUT));
                Summary.assertNoStackTrace(c.stdout(), c.stderr());
            }
            assertThat(codes)
                    .as(
                            "exit codes; shard 0's stdout:\n%s\nstderr:\n%s",
                            containers.get(0).stdout(), containers.get(0).stderr())
                    .containsOnly(ExitCodes.OK);
            String fleet = containers.get(0).stdout();
            assertThat(fleet)
                    .contains("=== fleet of " + pods + " shards", "PASS  min-throughput")
                    .doesNotContain("missing");
            long acknowledged = containers.stream()
                    .mapToLong(c -> Summary.parse(c.stdout()).sent())
                    .sum();
            assertThat(acknowledged).isEqualTo(Long.parseLong(env.get("LOADGEN_RECORDS")));
            assertThat(KafkaBroker.countTopic(env.get("LOADGEN_TOPIC"))).isEqualTo(acknowledged);
        } finally {
            containers.forEach(AppProcess::close);
        }
    }

    /**
     * One pod killed mid-run (SIGKILL: a node lost, an OOM kill) never publishes its result. Shard 0's fleet report
     * names it as missing and shard 0 exits 1, so the Job controller sees the fleet's run failed.
     */
    @Test
    void aPodKilledMidRunIsNamedMissingAndShardZeroFails() throws Exception {
        RenderedOverlay overlay = RenderedOverlay.load(K8S, "small");
        Map<String, String> env = podEnvironment(overlay, "kill");
        env.put("LOADGEN_COLLECT_TIMEOUT", "20s");
        int pods = completions(overlay);
        int victim = pods - 1;

        List<AppProcess> containers = start(env, pods);
        try {
            AppProcess killed = containers.get(victim);
            assertThat(killed.awaitStdoutLine(
                            line -> line.matches("\\[\\s*\\d+\\.\\ds] .* total [1-9][\\d,]*, .*"), RUN_TIMEOUT))
                    .as("shard %d sends; stdout:\n%s\nstderr:\n%s", victim, killed.stdout(), killed.stderr())
                    .isTrue();
            killed.kill();

            AppProcess shard0 = containers.get(0);
            assertThat(shard0.waitFor(RUN_TIMEOUT))
                    .as("shard 0; stdout:\n%s\nstderr:\n%s", shard0.stdout(), shard0.stderr())
                    .isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(shard0.stdout() + "\n" + shard0.stderr()).contains("shard " + victim + " missing");
            Summary.assertNoStackTrace(shard0.stdout(), shard0.stderr());
            assertThat(killed.waitFor(RUN_TIMEOUT))
                    .as("docker's code for a SIGKILLed container")
                    .isEqualTo(137);
        } finally {
            containers.forEach(AppProcess::close);
        }
    }

    private static int completions(RenderedOverlay overlay) {
        JobSpec spec = overlay.job().getSpec();
        assertThat(spec.getCompletions())
                .as("an overlay of at least three shards")
                .isGreaterThanOrEqualTo(3);
        assertThat(spec.getParallelism()).as("all pods at once").isEqualTo(spec.getCompletions());
        return spec.getCompletions();
    }

    /** A pod's environment: the ConfigMap (envFrom), then the container's env, with this machine's substitutes. */
    private static Map<String, String> podEnvironment(RenderedOverlay overlay, String name) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(overlay.runConfig().getData());
        Container container = overlay.container();
        String jobUid = UUID.randomUUID().toString();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom().getFieldRef() != null
                    && var.getValueFrom().getFieldRef().getFieldPath().contains("controller-uid")) {
                env.put(var.getName(), jobUid);
            } else {
                throw new AssertionError("the container's " + var.getName()
                        + " comes from something this test does not " + "stand in for: " + var.getValueFrom());
            }
        }
        assertThat(env).containsKeys("LOADGEN_RUN_ID", "LOADGEN_SHARD_COUNT", "LOADGEN_RECORDS", "LOADGEN_RATE");
        String topic = KafkaBroker.uniqueTopic("indexed-" + name);
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers());
        env.put("LOADGEN_TOPIC", topic);
        env.put("LOADGEN_RESULTS_TOPIC", topic + "-results");
        env.put("LOADGEN_CONTROL_TOPIC", topic + "-control");
        // the pods linger so that Prometheus scrapes their last figures; no Prometheus scrapes these containers
        env.put("LOADGEN_METRICS_LINGER", "0s");
        return env;
    }

    private static List<AppProcess> start(Map<String, String> env, int pods) {
        List<AppProcess> containers = new ArrayList<>();
        for (int index = 0; index < pods; index++) {
            Map<String, String> pod = new LinkedHashMap<>(env);
            pod.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            containers.add(ImageUnderTest.run(ImageUnderTest.containerName("pod" + index), pod));
        }
        return containers;
    }
}
