package io.loadgen.spec;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    /**
     * Kafka itself knows which settings are secret: it declares them {@code PASSWORD} and masks them in its own logs.
     * Every such key of every client we build (producer, admin for the topic check, consumer for results and verify)
     * must be hidden by us too, or a Kafka upgrade that adds one would print it in our summary.
     */
    @Test
    void everySettingKafkaDeclaresAPasswordIsHidden() {
        TreeSet<String> passwordKeys = new TreeSet<>();
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> passwordKeys.add(key.name));

        assertThat(passwordKeys).as("the check is not vacuous").contains("sasl.jaas.config", "ssl.truststore.password");
        assertThat(passwordKeys).allSatisfy(key -> assertThat(Secrets.isSecret(key)).as(key).isTrue());
    }

    /** Listener- and mechanism-prefixed spellings reach the client as they are, and must be hidden the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "ssl.key.password",
            "ssl.keystore.password", "ssl.truststore.password", "ssl.keystore.key", "ssl.keystore.certificate.chain",
            "sasl.oauthbearer.client.credentials.client.secret", "SSL.KEYSTORE.PASSWORD"})
    void secretKeysAreHidden(String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
        assertThat(Secrets.masked(Map.of(key, "pw-1", "acks", "all"))).containsEntry(key, Secrets.MASK).containsEntry("acks", "all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl.mechanism", "security.protocol", "ssl.truststore.location", "ssl.keystore.location",
            "ssl.truststore.type", "bootstrap.servers", "client.id"})
    void theSettingsNeededToDiagnoseAConnectionStayVisible(String key) {
        assertThat(Secrets.isSecret(key)).isFalse();
    }
}
