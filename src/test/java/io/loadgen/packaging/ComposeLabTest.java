package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the docker-compose lab promises, checked without Docker: a KRaft cluster of two brokers on the clients'
 * Kafka version, healthchecks, a load generator configured by env alone that waits for healthy brokers, Prometheus
 * scraping it, Grafana provisioned. {@code docker-compose config -q} (.ci/checks.sh) checks the schema; this checks
 * the meaning.
 */
@Timeout(20)
class ComposeLabTest {

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void parse() {
        compose = RepoFiles.yaml(RepoFiles.COMPOSE);
        services = Compose.services(compose);
    }

    @Test
    void isACompose_specFile_withoutTheObsoleteVersionKey() {
        assertThat(compose).doesNotContainKey("version").containsKey("services");
    }

    @Test
    void twoKraftBrokersOnTheKafkaVersionOfTheClients_noZooKeeper() {
        List<String> brokers = brokers();
        assertThat(brokers).hasSizeGreaterThanOrEqualTo(2);
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertThat(image).as("service %s", name).doesNotContainIgnoringCase("zookeeper");
            if (image.startsWith("apache/kafka")) {
                assertThat(image)
                        .as("service %s: the official image at the kafka-clients version", name)
                        .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
                Map<String, String> env = Compose.environment(service);
                assertThat(env)
                        .as("service %s runs in KRaft mode", name)
                        .containsKeys("KAFKA_PROCESS_ROLES", "CLUSTER_ID", "KAFKA_NODE_ID");
            }
        });
        assertThat(services.values().stream()
                        .map(s -> Compose.environment(s).get("CLUSTER_ID"))
                        .filter(id -> id != null)
                        .distinct())
                .as("one cluster id")
                .hasSize(1);
    }

    @Test
    void brokersHaveHealthchecks_andTheLoadGeneratorWaitsForThemToBeHealthy() {
        Map<String, Object> loadgen = loadGenerator();
        Map<String, String> dependsOn = Compose.dependsOn(loadgen);
        for (String broker : brokers()) {
            assertThat(services.get(broker)).as("broker %s", broker).containsKey("healthcheck");
            assertThat(dependsOn).as("loadgen depends_on").containsEntry(broker, "service_healthy");
        }
    }

    @Test
    void theLoadGeneratorIsConfiguredByEnvironmentAlone_andReachesEveryBroker() {
        Map<String, Object> loadgen = loadGenerator();
        assertThat(loadgen)
                .as("no command or entrypoint: options come from LOADGEN_* env")
                .doesNotContainKeys("command", "entrypoint");

        Map<String, String> env = Compose.environment(loadgen);
        assertThat(env).containsKey("KAFKA_BOOTSTRAP_SERVERS");
        List<String> bootstrapHosts = Arrays.stream(
                        env.get("KAFKA_BOOTSTRAP_SERVERS").split(","))
                .map(hostPort -> hostPort.strip().split(":")[0])
                .toList();
        assertThat(bootstrapHosts).containsExactlyInAnyOrderElementsOf(brokers());
        for (String hostPort : env.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            String[] hp = hostPort.strip().split(":");
            assertThat(Compose.environment(services.get(hp[0])).get("KAFKA_LISTENERS"))
                    .as("broker %s listens on the port loadgen uses", hp[0])
                    .contains(":" + hp[1]);
        }
        String replication = env.get("LOADGEN_REPLICATION_FACTOR");
        if (replication != null)
            assertThat(Integer.parseInt(replication)).isBetween(1, brokers().size());

        if (loadgen.get("build") instanceof Map<?, ?> build) {
            Path context = RepoFiles.ROOT.resolve(String.valueOf(build.get("context")));
            assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).isRegularFile();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheLoadGeneratorsMetricsEndpoint() {
        Map<String, Object> prometheus = serviceWithImage("prom/prometheus");
        Path config = hostPathMountedAt(prometheus, "/etc/prometheus/prometheus.yml");
        Map<String, Object> prom = RepoFiles.yaml(config);

        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
        String loadgenName = loadGeneratorName();
        Map<String, Object> job = jobs.stream()
                .filter(j -> String.valueOf(j.get("dns_sd_configs")).contains(loadgenName)
                        || String.valueOf(j.get("static_configs")).contains(loadgenName + ":"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job for service " + loadgenName + " in " + config));
        assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
        String targets = String.valueOf(job.get("dns_sd_configs")) + job.get("static_configs");
        assertThat(targets).as("Quarkus HTTP port").containsAnyOf("port=8080", loadgenName + ":8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithPrometheus_andTheDashboardsDirectory() {
        Map<String, Object> grafana = serviceWithImage("grafana/grafana");
        Path provisioning = hostPathMountedAt(grafana, "/etc/grafana/provisioning");

        Map<String, Object> datasources = RepoFiles.yaml(provisioning.resolve("datasources/prometheus.yml"));
        Map<String, Object> ds = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(ds).containsEntry("type", "prometheus").containsEntry("uid", "prometheus");
        String prometheusService = services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("prom/prometheus"))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(String.valueOf(ds.get("url"))).isEqualTo("http://" + prometheusService + ":9090");

        Map<String, Object> dashboards = RepoFiles.yaml(provisioning.resolve("dashboards/loadgen.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) dashboards.get("providers")).get(0);
        String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
        assertThat(Compose.bindMounts(grafana))
                .as("the dashboards provider reads the repository's grafana/dashboards")
                .containsEntry("./grafana/dashboards", path);
    }

    @Test
    void provisionedDashboardsParse_andUseTheProvisionedDatasource() throws IOException {
        Path dashboards = RepoFiles.ROOT.resolve("grafana/dashboards");
        assumeTrue(Files.isDirectory(dashboards), "no grafana/dashboards yet");
        List<Path> files;
        try (Stream<Path> list = Files.list(dashboards)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(dashboard.path("title").asText())
                    .as("%s title", file.getFileName())
                    .isNotBlank();
            // A provisioned dashboard cannot use import-time ${DS_...} inputs: only a datasource variable or the uid.
            for (JsonNode uid : dashboard.findValues("uid")) {
                if (uid.isTextual() && uid.asText().contains("DS_")) {
                    throw new AssertionError(
                            file.getFileName() + " uses an import-time datasource input " + uid.asText());
                }
            }
            for (JsonNode ds : dashboard.findValues("datasource")) {
                String uid = ds.path("uid").asText("");
                if (ds.isObject() && !uid.isEmpty() && !uid.startsWith("$")) {
                    assertThat(uid)
                            .as("%s datasource uid", file.getFileName())
                            .isIn("prometheus", "grafana", "-- Grafana --");
                }
            }
        }
    }

    private List<String> brokers() {
        return services.entrySet().stream()
                .filter(e -> String.valueOf(Compose.environment(e.getValue()).get("KAFKA_PROCESS_ROLES"))
                        .contains("broker"))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private String loadGeneratorName() {
        List<String> names = services.entrySet().stream()
                .filter(e -> Compose.isLoadGenerator(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(names).as("load generator services").hasSize(1);
        return names.get(0);
    }

    private Map<String, Object> loadGenerator() {
        return services.get(loadGeneratorName());
    }

    private Map<String, Object> serviceWithImage(String prefix) {
        return services.values().stream()
                .filter(s -> String.valueOf(s.get("image")).startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service with image " + prefix));
    }

    private static Path hostPathMountedAt(Map<String, Object> service, String containerPath) {
        String host = Compose.bindMounts(service).entrySet().stream()
                .filter(e -> e.getValue().equals(containerPath))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + containerPath));
        Path path = RepoFiles.ROOT.resolve(host).normalize();
        assertThat(Files.exists(path)).as("%s exists", host).isTrue();
        return path;
    }
}
