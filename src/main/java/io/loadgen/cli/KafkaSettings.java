package io.loadgen.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka client settings from configuration ({@code kafka.*} keys, {@code KAFKA_*} env), as plain strings. */
final class KafkaSettings {

    private KafkaSettings() {
    }

    /** The settings, with {@code bootstrap.servers} replaced when an option gives it ({@code null}: keep). */
    static Map<String, String> from(Map<String, ?> kafkaConfig, String bootstrapServers) {
        Map<String, String> config = from(kafkaConfig);
        if (bootstrapServers != null) config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    static Map<String, String> from(Map<String, ?> kafkaConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        kafkaConfig.forEach((k, v) -> {
            // quarkus-kafka-client adds a consumer group id to its shared config; our clients have no use for it.
            if (!k.equals("group.id") && v != null) config.put(k, String.valueOf(v));
        });
        return config;
    }
}
