package io.loadgen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.testing.SecureKafkaBroker.Listener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The secure fixture really demands what it claims: the right credentials work on every listener and mechanism, a
 * wrong password and a client without SASL are turned away. Without this, a security test of the app could pass
 * against a broker that lets anyone in.
 */
@Timeout(180)
class SecureKafkaBrokerTest {

    private static final SecureKafkaBroker BROKER = SecureKafkaBroker.get();

    @ParameterizedTest
    @CsvSource({
        "SASL_PLAINTEXT, PLAIN",
        "SASL_PLAINTEXT, SCRAM-SHA-256",
        "SASL_PLAINTEXT, SCRAM-SHA-512",
        "SASL_SSL, PLAIN",
        "SASL_SSL, SCRAM-SHA-512"
    })
    void theRightCredentialsProduceAndConsume(Listener listener, String mechanism) throws Exception {
        Map<String, String> settings = BROKER.clientSettings(listener, mechanism);
        String topic = KafkaBroker.uniqueTopic("secure-fixture");
        try (KafkaProducer<String, String> producer = producer(settings)) {
            for (int i = 0; i < 3; i++)
                producer.send(new ProducerRecord<>(topic, "record " + i)).get(30, TimeUnit.SECONDS);
        }
        assertThat(SecureKafkaBroker.readValues(settings, topic)).containsExactly("record 0", "record 1", "record 2");
        assertThat(SecureKafkaBroker.countTopic(settings, topic)).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"SASL_PLAINTEXT, PLAIN", "SASL_PLAINTEXT, SCRAM-SHA-256", "SASL_SSL, SCRAM-SHA-512"})
    void aWrongPasswordIsRejected(Listener listener, String mechanism) {
        Map<String, String> settings = BROKER.clientSettings(listener, mechanism, "pw-wrong");
        assertThatThrownBy(() -> describeCluster(settings)).hasCauseInstanceOf(AuthenticationException.class);
    }

    @Test
    void aClientWithoutSaslGetsNowhere() {
        Map<String, String> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.bootstrapServers(Listener.SASL_PLAINTEXT),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "3000");
        assertThatThrownBy(() -> describeCluster(settings))
                .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
    }

    private static void describeCluster(Map<String, String> settings) throws Exception {
        try (Admin admin = Admin.create(new HashMap<String, Object>(settings))) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(KafkaBroker.uniqueTopic("never"), 1, (short) 1)))
                    .all()
                    .get(20, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(config);
    }
}
