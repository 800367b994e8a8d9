package io.loadgen.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real three-broker Apache Kafka cluster (KRaft, one separate controller, loopback only) from Kafka's own test kit,
 * for fault tests: a broker can be shut down and started again while a run goes on, which the shared single
 * {@link KafkaBroker} cannot allow. Every topic has three replicas and needs two in sync ({@code min.insync.replicas=2}),
 * the transaction log too, so the cluster keeps taking {@code acks=all} writes and transactions with one broker down.
 *
 * <p>Each test class starts and closes its own (about 5-10 s to start on two cores), so use it sparingly.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int BROKERS = 3;
    public static final short REPLICATION_FACTOR = 3;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    // Strong references: java.util.logging forgets the level of a logger that gets garbage-collected.
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"));

    private final KafkaClusterTestKit kit;
    /** Taken at start: the test kit asks each broker for its port, which fails while one is down. */
    private final String bootstrapServers;

    private KafkaCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.bootstrapServers = kit.bootstrapServers();
    }

    /** Starts the cluster and waits until every broker is ready. */
    public static KafkaCluster start() {
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
        // As in KafkaBroker: a broker's fatal fault must not end the test JVM.
        Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM broker wanted to exit(" + code + "): " + message));
        Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM broker wanted to halt(" + code + "): " + message));
        KafkaClusterTestKit kit = null;
        try {
            kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(false)
                            .setNumBrokerNodes(BROKERS)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("default.replication.factor", String.valueOf(REPLICATION_FACTOR))
                    .setConfigProp("min.insync.replicas", "2")
                    .setConfigProp("offsets.topic.replication.factor", String.valueOf(REPLICATION_FACTOR))
                    .setConfigProp("transaction.state.log.replication.factor", String.valueOf(REPLICATION_FACTOR))
                    .setConfigProp("transaction.state.log.min.isr", "2")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("unclean.leader.election.enable", "false")
                    // No hand-over on shutdown: to the cluster and its clients a stopped broker is a crashed one. Its
                    // connections drop with requests in flight, and its partitions get new leaders only once the
                    // controller misses its heartbeats for broker.session.timeout.ms.
                    .setConfigProp("controlled.shutdown.enable", "false")
                    .setConfigProp("broker.session.timeout.ms", "6000")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaCluster(kit);
        } catch (Exception e) {
            if (kit != null) closeQuietly(kit);
            throw new IllegalStateException("cannot start the in-JVM Kafka cluster", e);
        }
    }

    /** Every broker's {@code localhost:PORT}, as at start. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A topic with {@link #REPLICATION_FACTOR} replicas. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, REPLICATION_FACTOR)))
                    .all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** The broker that leads the most partitions of the topic: shutting it down moves the most leadership. */
    public int busiestLeader(String topic) {
        Map<Integer, Long> led = describe(topic).partitions().stream()
                .map(TopicPartitionInfo::leader)
                .filter(n -> n != null && !n.isEmpty())
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        return led.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** Ids of the brokers that lead some partition of the topic. */
    public Set<Integer> leaders(String topic) {
        return describe(topic).partitions().stream()
                .map(TopicPartitionInfo::leader)
                .filter(n -> n != null && !n.isEmpty())
                .map(Node::id)
                .collect(Collectors.toSet());
    }

    /**
     * Stops one broker without a controlled shutdown (see {@link #start()}): it closes its sockets and its logs
     * without handing its leadership over first. Closer to a crash than a controlled stop, though its logs are closed
     * cleanly; the README's manual check ends a broker process with kill -9.
     */
    public void stopBroker(int id) {
        broker(id).shutdown();
        broker(id).awaitShutdown();
    }

    /** Starts a broker that {@link #stopBroker} stopped, and waits until it is ready again. */
    public void startBroker(int id) {
        broker(id).startup();
        try {
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("broker " + id + " did not become ready again", e);
        }
    }

    /** Stops every broker (the controller stays): the cluster is gone for its clients. */
    public void stopBrokers() {
        for (int id = 0; id < BROKERS; id++) stopBroker(id);
    }

    /** Starts every broker that {@link #stopBrokers} stopped, and waits until all are ready again. */
    public void startBrokers() {
        for (int id = 0; id < BROKERS; id++) broker(id).startup();
        try {
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the brokers did not become ready again", e);
        }
    }

    /** Waits until every partition of the topic has all its replicas in sync again (after a broker came back). */
    public void awaitFullIsr(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (describe(topic).partitions().stream()
                    .allMatch(p -> p.isr().size() == p.replicas().size())) return;
            if (System.nanoTime() > deadline)
                throw new AssertionError("replicas of " + topic + " not back in sync within " + timeout);
            Thread.sleep(200);
        }
    }

    /** Every record the topic's consumers may see ({@code read_committed}), read by an independent consumer. */
    public List<TopicReader.Message> readCommitted(String topic) {
        return TopicReader.readAll(bootstrapServers(), topic, KafkaBroker.READ_TIMEOUT, true);
    }

    private TopicDescription describe(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        }
    }

    private BrokerServer broker(int id) {
        BrokerServer b = kit.brokers().get(id);
        if (b == null)
            throw new IllegalArgumentException(
                    "no broker " + id + " in " + kit.brokers().keySet());
        return b;
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_TIMEOUT.toMillis()));
    }

    @Override
    public void close() {
        closeQuietly(kit);
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        try {
            kit.close();
        } catch (Exception e) {
            // a test cluster that does not close cleanly leaves only a temp directory behind
        }
    }
}
