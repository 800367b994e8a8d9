package io.loadgen.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * One real single-node Apache Kafka (KRaft, combined broker and controller) per test JVM, from Kafka's own test kit:
 * started on first use, shared by every test, closed by a shutdown hook. Tests isolate themselves with
 * {@link #uniqueTopic(String)}, not with a broker each (a broker costs 1-4 s to start on two cores).
 *
 * <p>"Per JVM", not "per class": a {@code @QuarkusMainTest} loads this class twice, once in the application's class
 * loader (for the test resource) and once in the JVM's (for the test method), and each copy has its own statics.
 * So the address lives in a system property, and the copies agree on who starts the broker through a lock on an
 * interned string literal, which is one object for the whole JVM.
 */
public final class KafkaBroker {

    /** Generous for a loaded two-core machine; reading 50,000 records takes well under a second. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    // Strong references: java.util.logging forgets the level of a logger that gets garbage-collected.
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"));

    /** Holds the address; also the JVM-wide lock (a string literal is interned: one instance for all class loaders). */
    private static final String ADDRESS_PROPERTY = "io.loadgen.testing.kafka-broker.bootstrap-servers";

    private KafkaBroker() {}

    /** The broker's address ({@code localhost:PORT}, loopback only); starts the broker on first call in this JVM. */
    public static String bootstrapServers() {
        synchronized (ADDRESS_PROPERTY) {
            String address = System.getProperty(ADDRESS_PROPERTY);
            if (address == null) {
                address = start();
                System.setProperty(ADDRESS_PROPERTY, address);
            }
            return address;
        }
    }

    /** A topic name no other test uses, so tests share the broker without seeing each other's records. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** @param configs topic settings, such as max.message.bytes */
    public static void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** Every record in the topic, read back by an independent consumer. */
    public static List<TopicReader.Message> readTopic(String topic) {
        return TopicReader.readAll(bootstrapServers(), topic, READ_TIMEOUT);
    }

    /** The number of records in the topic, from its offsets. */
    public static long countTopic(String topic) {
        return TopicReader.count(bootstrapServers(), topic, READ_TIMEOUT);
    }

    private static String start() {
        // Quarkus sets these levels for its own launches; the broker also logs outside them (and in plain JUnit tests).
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
        // A broker that hits a fatal fault calls Exit.exit/halt, which would end the test JVM with a non-zero code
        // (surefire then fails the build after every test passed, as seen once in CI). Let it report instead.
        Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM broker wanted to exit(" + code + "): " + message));
        Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM broker wanted to halt(" + code + "): " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "kafka-test-broker-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka broker", e);
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
