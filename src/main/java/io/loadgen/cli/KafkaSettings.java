package io.loadgen.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings from configuration ({@code kafka.*} keys, {@code KAFKA_*} env), as plain strings.
 *
 * <p>Only settings some Kafka client (producer, consumer, admin) knows are kept. The {@code KAFKA_} env prefix is
 * shared with Kafka's own scripts ({@code KAFKA_OPTS}, {@code KAFKA_HEAP_OPTS}, ...) and broker images
 * ({@code KAFKA_LISTENERS}, ...), so a shell or pod set up for Kafka would otherwise hand the producer settings like
 * {@code opts}, and print them in the summary: {@code KAFKA_OPTS} can carry a keystore password. Plugin settings no
 * client declares go through {@code --producer-property}, which passes anything.
 */
final class KafkaSettings {

    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    /** quarkus-kafka-client adds a consumer group id to its shared config; our clients have no use for it. */
    private static final String GROUP_ID = "group.id";

    private KafkaSettings() {}

    /** The settings, with {@code bootstrap.servers} replaced when an option gives it ({@code null}: keep). */
    static Map<String, String> from(Map<String, ?> kafkaConfig, String bootstrapServers) {
        Map<String, String> config = from(kafkaConfig);
        if (bootstrapServers != null) config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    static Map<String, String> from(Map<String, ?> kafkaConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.equals(GROUP_ID) && v != null && CLIENT_SETTINGS.contains(k)) config.put(k, String.valueOf(v));
        });
        return config;
    }

    /** The names {@link #from} drops because no Kafka client knows them, sorted (names only: values may be secret). */
    static List<String> ignored(Map<String, ?> kafkaConfig) {
        return kafkaConfig.keySet().stream()
                .filter(k -> !CLIENT_SETTINGS.contains(k))
                .sorted()
                .toList();
    }

    /** One line on {@code err} naming the ignored settings, if any. */
    static void reportIgnored(Map<String, ?> kafkaConfig, PrintStream err) {
        List<String> ignored = ignored(kafkaConfig);
        if (ignored.isEmpty()) return;
        err.println("loadgen: ignoring kafka.* / KAFKA_* settings no Kafka client knows: " + String.join(", ", ignored)
                + " (a plugin's setting goes through --producer-property KEY=VALUE)");
    }

    private static Set<String> clientSettings() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
