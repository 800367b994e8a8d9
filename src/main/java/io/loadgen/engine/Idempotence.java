package io.loadgen.engine;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Whether producer settings give an idempotent producer, decided by the Kafka client's own rules rather than a copy of
 * them: idempotence is on by default, but the client turns it off quietly when {@code acks} is not {@code all},
 * {@code retries} is 0 or more than 5 requests may be in flight, unless {@code enable.idempotence} was set explicitly
 * (then those conflicts are errors).
 */
public final class Idempotence {

    private Idempotence() {}

    /**
     * @param producerConfig the producer's properties (serializers are the engine's and need not be there)
     * @throws BadSettingException when the client refuses the settings, with the client's message
     */
    public static boolean resolve(Map<String, String> producerConfig) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try {
            return new ProducerConfig(config).getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        } catch (ConfigException e) {
            throw new BadSettingException("invalid producer setting: " + e.getMessage(), e);
        }
    }
}
