package io.loadgen.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node Apache Kafka (KRaft, from Kafka's test kit) that demands credentials, started once per test JVM
 * on first use and closed by a shutdown hook. Besides the test kit's own plaintext listeners (inter-broker and
 * controller traffic, and this fixture's set-up), it has two client listeners, both on localhost:
 *
 * <ul>
 *   <li>{@link Listener#SASL_PLAINTEXT}: SASL with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512;</li>
 *   <li>{@link Listener#SASL_SSL}: the same mechanisms over TLS with the self-signed {@link TlsStores}; the broker
 *       asks for a client certificate (requested, not required, so a client with a trust store alone, like the
 *       PEM example of the Kubernetes Secret, can connect too).</li>
 * </ul>
 *
 * <p>One user, {@link #USER}, with one random password for every mechanism ({@code "pw-" + UUID}), so a test that
 * searches output for it cannot hit by accident. The broker's JAAS settings are per listener and mechanism
 * ({@code listener.name.*.sasl.jaas.config}), not the JVM-wide {@code java.security.auth.login.config}, so the
 * plain {@link KafkaBroker} in the same JVM is unaffected.
 */
public final class SecureKafkaBroker {

    public static final String USER = "loadgen";
    public static final Duration READ_TIMEOUT = KafkaBroker.READ_TIMEOUT;

    /** Client listeners: each one's name on the broker and the security protocol its clients set. */
    public enum Listener {
        SASL_PLAINTEXT("SASL_PLAIN"),
        SASL_SSL("SASL_TLS");

        final String brokerName;

        Listener(String brokerName) {
            this.brokerName = brokerName;
        }
    }

    private static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    /** SCRAM needs the credentials in the cluster metadata before a client can log in; allow a loaded machine. */
    private static final Duration CREDENTIALS_TIMEOUT = Duration.ofSeconds(60);
    // Strong references: java.util.logging forgets the level of a logger that gets garbage-collected.
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"));

    private static SecureKafkaBroker instance;

    private final String password = "pw-" + UUID.randomUUID();
    private final TlsStores stores;
    private final Map<Listener, String> bootstrap = new HashMap<>();

    private SecureKafkaBroker() throws Exception {
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
        // As in KafkaBroker: a fatal broker fault must not end the test JVM.
        Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM secure broker wanted to exit(" + code + "): " + message));
        Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM secure broker wanted to halt(" + code + "): " + message));
        Path dir = Files.createTempDirectory("loadgen-secure-broker");
        stores = TlsStores.create(dir.resolve("tls"));

        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // Port 0: the test kit pre-binds its own two listeners and hands them over whatever port is written
                // here; ours bind an ephemeral port, which the broker registers and boundPort() reports.
                .setConfigProp(
                        "listeners",
                        "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + Listener.SASL_PLAINTEXT.brokerName
                                + "://localhost:0," + Listener.SASL_SSL.brokerName + "://localhost:0")
                .setConfigProp(
                        "listener.security.protocol.map",
                        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + Listener.SASL_PLAINTEXT.brokerName
                                + ":SASL_PLAINTEXT," + Listener.SASL_SSL.brokerName + ":SASL_SSL")
                .setConfigProp("sasl.enabled.mechanisms", String.join(",", MECHANISMS));
        for (Listener listener : Listener.values()) {
            String prefix = "listener.name." + listener.brokerName.toLowerCase(Locale.ROOT) + ".";
            builder.setConfigProp(
                    prefix + "plain.sasl.jaas.config",
                    PLAIN_MODULE + " required user_" + USER + "=\"" + password + "\";");
            builder.setConfigProp(prefix + "scram-sha-256.sasl.jaas.config", SCRAM_MODULE + " required;");
            builder.setConfigProp(prefix + "scram-sha-512.sasl.jaas.config", SCRAM_MODULE + " required;");
        }
        String tls = "listener.name." + Listener.SASL_SSL.brokerName.toLowerCase(Locale.ROOT) + ".";
        builder.setConfigProp(tls + "ssl.keystore.type", "PKCS12")
                .setConfigProp(tls + "ssl.keystore.location", stores.brokerKeystore.toString())
                .setConfigProp(tls + "ssl.keystore.password", stores.brokerStorePassword())
                .setConfigProp(tls + "ssl.key.password", stores.brokerStorePassword())
                .setConfigProp(tls + "ssl.truststore.type", "PKCS12")
                .setConfigProp(tls + "ssl.truststore.location", stores.brokerTruststore.toString())
                .setConfigProp(tls + "ssl.truststore.password", stores.brokerStorePassword())
                .setConfigProp(tls + "ssl.client.auth", "requested");

        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "kafka-secure-test-broker-stop"));
        var broker = cluster.brokers().values().iterator().next();
        for (Listener l : Listener.values())
            bootstrap.put(l, "localhost:" + broker.boundPort(new ListenerName(l.brokerName)));
        addScramCredentials(cluster.bootstrapServers());
    }

    /** The broker, started on the first call in this JVM. */
    public static synchronized SecureKafkaBroker get() {
        if (instance == null) {
            try {
                instance = new SecureKafkaBroker();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the in-JVM secure Kafka broker", e);
            }
        }
        return instance;
    }

    /** The user's password, for PLAIN and both SCRAM mechanisms. */
    public String password() {
        return password;
    }

    public TlsStores stores() {
        return stores;
    }

    public String bootstrapServers(Listener listener) {
        return bootstrap.get(listener);
    }

    /** The JAAS line a client sets as {@code sasl.jaas.config} to log in with this mechanism. */
    public static String jaasConfig(String mechanism, String password) {
        return (mechanism.equals("PLAIN") ? PLAIN_MODULE : SCRAM_MODULE) + " required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    /**
     * Client settings for a listener and mechanism, as a user would write them; over TLS with the trust store and
     * the client key store (each with its own password).
     */
    public Map<String, String> clientSettings(Listener listener, String mechanism) {
        return clientSettings(listener, mechanism, password);
    }

    /** The same, logging in with the given password (a wrong one, for a test of the failure). */
    public Map<String, String> clientSettings(Listener listener, String mechanism, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(listener));
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, listener.name());
        settings.put(SaslConfigs.SASL_MECHANISM, mechanism);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(mechanism, password));
        if (listener == Listener.SASL_SSL) {
            settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, stores.clientTruststore.toString());
            settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, stores.clientTruststorePassword);
            settings.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "JKS");
            settings.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, stores.clientKeystore.toString());
            settings.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, stores.clientKeystorePassword);
            settings.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, stores.clientKeyPassword);
        }
        return settings;
    }

    /**
     * Client settings as the environment of a container or a Kubernetes Secret spells them: property
     * {@code sasl.jaas.config} is {@code KAFKA_SASL_JAAS_CONFIG}.
     */
    public static Map<String, String> asEnv(Map<String, String> settings) {
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((k, v) -> env.put("KAFKA_" + k.toUpperCase(Locale.ROOT).replace('.', '_'), v));
        return env;
    }

    /**
     * Every record value of the topic, as text, read back by a consumer that logs in with these settings; fails if
     * the end offsets are not reached in time. (Not {@link TopicReader}, which connects without credentials.)
     */
    public static List<String> readValues(Map<String, String> settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "reading topic '" + topic + "' did not reach " + end + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }

    /** The number of records in the topic, from its offsets, asked by a consumer that logs in with these settings. */
    public static long countTopic(Map<String, String> settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions); // offsets of unassigned partitions work, but the client warns about each one
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "loadgen-test-secure-reader");
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        if (infos == null || infos.isEmpty()) throw new AssertionError("topic '" + topic + "' does not exist");
        return infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    /**
     * Creates the user's SCRAM credentials through the plaintext set-up listener, then waits until the broker lets
     * the user log in with them: the controller accepts the change before the broker has applied it.
     */
    private void addScramCredentials(String setupBootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, setupBootstrap))) {
            // one request per mechanism: the broker refuses to alter one user twice in a request
            for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                USER, new ScramCredentialInfo(mechanism, 4096), password)))
                        .all()
                        .get(CREDENTIALS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + CREDENTIALS_TIMEOUT.toNanos();
        for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
            Map<String, Object> config = new HashMap<>(clientSettings(Listener.SASL_PLAINTEXT, mechanism));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            while (true) {
                try (Admin admin = Admin.create(config)) {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "SCRAM credentials of '" + USER + "' not usable within " + CREDENTIALS_TIMEOUT, notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is exiting; a broker that does not close cleanly leaves only a temp directory behind
        }
    }
}
