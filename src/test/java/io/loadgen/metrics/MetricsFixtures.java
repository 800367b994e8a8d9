package io.loadgen.metrics;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Specs;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Specs, producers and scrape parsing for the metrics tests. */
final class MetricsFixtures {

    /** A sample line of the Prometheus text format: name, optional labels, value. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    private MetricsFixtures() {}

    static LoadSpec spec(String runId, RateShape rate) {
        return Specs.builder()
                .runId(runId)
                .rate(rate)
                .threads(2)
                .producerConfig(Map.of("bootstrap.servers", "127.0.0.1:9092", "acks", "1", "compression.type", "lz4"))
                .reportInterval(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(30))
                .sequenceHeader(true)
                .build();
    }

    /**
     * A real producer that never connects (nothing listens on port 1): it has all of its client-level metrics from the
     * start, which is what the bindings and the dashboard rely on.
     */
    static Producer<byte[], byte[]> unconnectedProducer(String clientId) {
        return new KafkaProducer<>(Map.of(
                "bootstrap.servers",
                "127.0.0.1:1",
                "client.id",
                clientId,
                "key.serializer",
                ByteArraySerializer.class.getName(),
                "value.serializer",
                ByteArraySerializer.class.getName(),
                "reconnect.backoff.ms",
                "10000",
                "reconnect.backoff.max.ms",
                "10000"));
    }

    /** The names of the samples in a Prometheus text scrape ({@code x_bucket}, {@code x_count}, ... as they appear). */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The value of the first sample with this name whose labels contain every one of {@code labelParts}. */
    static double value(String scrape, String name, String... labelParts) {
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            if (!m.group(1).equals(name)) continue;
            String labels = m.group(2) == null ? "" : m.group(2);
            boolean all = true;
            for (String part : labelParts) all &= labels.contains(part);
            if (all) return Double.parseDouble(m.group(3));
        }
        throw new AssertionError("no sample " + name + " with " + String.join(",", labelParts) + " in:\n" + scrape);
    }
}
