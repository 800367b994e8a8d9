package io.loadgen.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.spec.RateShape;
import io.loadgen.stats.RunStats;
import io.loadgen.watch.GroupSample;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * grafana/dashboards/loadgen.json is valid, uses a datasource variable, and queries only metrics we export: the names
 * come from a real scrape of the run's collector and a real producer's bound metrics, so a renamed metric fails here
 * instead of leaving an empty panel. The scrape is of a run in which nothing failed: an error panel with no series
 * until something fails shows "No data" in a healthy run. The README's metric table is held to the same list.
 */
@Timeout(30)
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("grafana/dashboards/loadgen.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:loadgen|kafka_producer)_[a-z0-9_]+)\\b");

    private static Set<String> exported;
    private static JsonNode dashboard;

    @BeforeAll
    static void scrapeWhatWeExport() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunStats stats = new RunStats(); // nothing failed: the failure panels must have their series all the same
        try (RunMetrics metrics = RunMetrics.open(registry, MetricsFixtures.spec("r", new RateShape.Constant(10)))) {
            Producer<byte[], byte[]> producer = metrics.bind(MetricsFixtures.unconnectedProducer("dashboard-test"));
            metrics.started(stats);
            // A run with --watch-group: the consumer-group row has its series too.
            metrics.watching(() -> List.of(new GroupSample("ingestor", true, 1_000, 0.5, 10_000, 2_000)));
            exported = MetricsFixtures.sampleNames(registry.scrape());
            producer.close(Duration.ZERO);
        }
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() {
        Set<String> used = metricNames(queries());

        assertThat(used).isNotEmpty();
        assertThat(exported).as("exported sample names").containsAll(used);
    }

    @Test
    void itShowsWhatTheIssueAsksFor() {
        String all = String.join("\n", queries());

        assertThat(all)
                .contains(
                        "rate(loadgen_records_sent_total",
                        "loadgen_target_rate_records_per_second",
                        "by (error_type)",
                        "by (shard)",
                        "loadgen_records_in_flight");
        for (String histogram : List.of(
                "loadgen_send_to_ack_latency_seconds",
                "loadgen_intended_latency_seconds",
                "loadgen_schedule_delay_seconds")) {
            assertThat(all).contains("histogram_quantile(0.99, sum by (le) (rate(" + histogram + "_bucket");
        }
        assertThat(metricNames(queries()))
                .contains(
                        "kafka_producer_batch_size_avg",
                        "kafka_producer_compression_rate_avg",
                        "kafka_producer_record_queue_time_avg",
                        "kafka_producer_request_latency_avg",
                        "kafka_producer_buffer_available_bytes",
                        "kafka_producer_record_error_rate");
    }

    @Test
    void everyPanelUsesTheDatasourceVariable() {
        JsonNode variables = dashboard.path("templating").path("list");
        JsonNode datasource = variables.get(0);
        assertThat(datasource.path("name").asText()).isEqualTo("datasource");
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique panel id " + panel.path("id"))
                    .isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isPositive();
            if (panel.path("type").asText().equals("row")) continue;
            assertThat(panel.path("datasource").path("uid").asText())
                    .as(panel.path("title").asText())
                    .isEqualTo("${datasource}");
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(target.path("expr").asText()).contains("run_id=~\"$run_id\"");
            }
        }
    }

    @Test
    void theReadmeDocumentsExactlyTheLoadgenMetrics() throws IOException {
        Set<String> families = new TreeSet<>();
        for (String name : exported) {
            if (name.startsWith("loadgen_")) families.add(name.replaceAll("_(bucket|count|sum)$", ""));
        }
        String readme = Files.readString(Path.of("docs/metrics.md")); // the metrics table of the manual
        Set<String> documented = new TreeSet<>();
        Matcher m =
                Pattern.compile("^\\| `(loadgen_[a-z0-9_]+)", Pattern.MULTILINE).matcher(readme);
        while (m.find()) documented.add(m.group(1));

        assertThat(documented).isEqualTo(families);
    }

    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets"))
                queries.add(target.path("expr").asText());
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.has("definition"))
                queries.add(variable.path("definition").asText());
        }
        return queries;
    }

    private static Set<String> metricNames(List<String> queries) {
        Set<String> names = new TreeSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) names.add(m.group(1));
        }
        return names;
    }
}
