package io.loadgen.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every producer's own metrics reach the Prometheus registry as {@code kafka_producer_*}, tagged with the client id,
 * run id and shard; they survive the producer's close (for the final scrape) and go with the metrics session.
 */
@Timeout(30)
class ProducerMetricsTest {

    @Test
    void eachProducersMetricsAreBoundWithTheRunsTagsUntilTheSessionCloses() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunMetrics metrics = RunMetrics.open(registry, MetricsFixtures.spec("run-pm", null));
        Producer<byte[], byte[]> first = metrics.bind(MetricsFixtures.unconnectedProducer("lg-0"));
        Producer<byte[], byte[]> second = metrics.bind(MetricsFixtures.unconnectedProducer("lg-1"));
        try {
            String scrape = registry.scrape();
            for (String client : new String[] {"lg-0", "lg-1"}) {
                String[] labels = {"client_id=\"" + client + "\"", "run_id=\"run-pm\"", "shard=\"0\""};
                assertThat(MetricsFixtures.value(scrape, "kafka_producer_buffer_available_bytes", labels))
                        .isPositive();
                MetricsFixtures.value(scrape, "kafka_producer_batch_size_avg", labels);
                MetricsFixtures.value(scrape, "kafka_producer_record_error_rate", labels);
                MetricsFixtures.value(scrape, "kafka_producer_record_send_total", labels);
            }
        } finally {
            first.close(Duration.ZERO);
            second.close(Duration.ZERO);
        }

        String afterClose = registry.scrape();
        assertThat(MetricsFixtures.value(afterClose, "kafka_producer_buffer_available_bytes", "client_id=\"lg-0\""))
                .as("a closed producer keeps its final values for the last scrape")
                .isPositive();

        metrics.close();
        assertThat(registry.scrape()).doesNotContain("kafka_producer_", "loadgen_");
    }
}
