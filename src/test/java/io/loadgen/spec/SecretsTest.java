package io.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThat(passwordKeys)
                .allSatisfy(key -> assertThat(Secrets.isSecret(key)).as(key).isTrue());
    }

    /** Listener- and mechanism-prefixed spellings reach the client as they are, and must be hidden the same way. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "sasl.jaas.config",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "ssl.key.password",
                "ssl.keystore.password",
                "ssl.truststore.password",
                "ssl.keystore.key",
                "ssl.keystore.certificate.chain",
                "sasl.oauthbearer.client.credentials.client.secret",
                "SSL.KEYSTORE.PASSWORD"
            })
    void secretKeysAreHidden(String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
        assertThat(Secrets.masked(Map.of(key, "pw-1", "acks", "all")))
                .containsEntry(key, Secrets.MASK)
                .containsEntry("acks", "all");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sasl.mechanism",
                "security.protocol",
                "ssl.truststore.location",
                "ssl.keystore.location",
                "ssl.truststore.type",
                "bootstrap.servers",
                "client.id"
            })
    void theSettingsNeededToDiagnoseAConnectionStayVisible(String key) {
        assertThat(Secrets.isSecret(key)).isFalse();
    }

    /** Names Kafka does not know, from plugins (schema registries, OAuth, cloud IAM): their names say they are secret. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "basic.auth.user.info",
                "schema.registry.basic.auth.user.info",
                "my.plugin.auth",
                "MY_PLUGIN_AUTH",
                "http.authorization",
                "x.authentication.header",
                "bearer.auth.token",
                "api.key",
                "my.apikey",
                "confluent.api-key",
                "aws.secret.access.key",
                "private.key.pem",
                "my.plugin.password",
                "db.pwd",
                "ssl.keystore.key",
                "sasl.login.jaas",
                "gcp.credentials.json",
                "some.user-info",
                "mybasicauth"
            })
    void namesThatSaySecretAreHiddenThoughKafkaDoesNotKnowThem(String key) {
        assertThat(Secrets.isSecret(key)).as(key).isTrue();
        assertThat(Secrets.masked(Map.of(key, "alice:s3cret"))).containsEntry(key, Secrets.MASK);
    }

    /**
     * A mistyped name reaches the client, which ignores it, with the value the user meant as the password: "did you
     * mean ssl.keystore.password?" must not come with the password printed next to it.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ssl.keystore.pasword",
                "ssl.key.passwrod",
                "ssl.truststore.passwd",
                "ssl.truststore.pasword",
                "sasl.oauthbearer.client.credentails.client.secert",
                "my.plugin.tokne",
                "my.privte.key.pem"
            })
    void mistypedSecretNamesAreHiddenToo(String key) {
        assertThat(Secrets.isSecret(key)).as(key).isTrue();
    }

    private static final Set<String> HIDDEN_BY_NAME_BEFORE_TYPOS = Set.of(
            "sasl.oauthbearer.assertion.private.key.file",
            "sasl.oauthbearer.client.credentials.client.id",
            "sasl.oauthbearer.token.endpoint.url");

    /** The typo rule must not hide a setting the clients declare and do not mark as a password. */
    @Test
    void theTypoRuleHidesNoSettingKafkaDeclaresVisible() {
        TreeSet<String> hidden = new TreeSet<>();
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type != ConfigDef.Type.PASSWORD)
                .filter(key -> Secrets.isSecret(key.name))
                .forEach(key -> hidden.add(key.name));

        // the name rule already hid these before the typo rule (credentials, not secrets, but said so in their names)
        assertThat(hidden).isSubsetOf(HIDDEN_BY_NAME_BEFORE_TYPOS);
    }

    /** Hiding too much costs a user the settings that explain a connection problem. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "sasl.oauthbearer.scope.claim.name",
                "sasl.oauthbearer.jwks.endpoint.url",
                "schema.registry.url",
                "key.subject.name.strategy",
                "max.request.size",
                "partitioner.class",
                "auto.register.schemas",
                "compression.type"
            })
    void namesThatDoNotSaySecretStayVisible(String key) {
        assertThat(Secrets.isSecret(key)).as(key).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "https://bob:pw@127.0.0.1:1/          ; https://***@127.0.0.1:1/",
                "http://token@registry.example/a?b=c  ; http://***@registry.example/a?b=c",
                "https://a:b@h1:8081,https://c:d@h2/  ; https://***@h1:8081,https://***@h2/",
                "SASL_SSL://user:pw@broker:9093       ; SASL_SSL://***@broker:9093",
                "https://registry.example:8081/       ; https://registry.example:8081/",
                "alice@example.com                    ; alice@example.com",
                "broker-1:9092,broker-2:9092          ; broker-1:9092,broker-2:9092"
            })
    void theUserInfoOfEveryUrlIsHidden(String value, String shown) {
        assertThat(Secrets.withoutUserInfo(value)).isEqualTo(shown);
        assertThat(Secrets.masked(Map.of("schema.registry.url", value))).containsEntry("schema.registry.url", shown);
    }
}
