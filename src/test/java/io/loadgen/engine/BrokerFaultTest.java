package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Specs;
import io.loadgen.spec.Transactions;
import io.loadgen.spec.Workload;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Shortfall;
import io.loadgen.testing.KafkaCluster;
import io.loadgen.testing.SeedRecord;
import io.loadgen.testing.TopicReader.Message;
import io.loadgen.verify.SequenceTracker;
import io.loadgen.verify.TopicVerifier;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #7 parts 3 and 4 against a real three-broker cluster (replication factor 3, min.insync.replicas 2): the broker
 * leading the most partitions is shut down while a durable run sends, and started again before the run ends. The run
 * must report exactly what reached the topic: summary sent == records a read_committed consumer finds == what verify
 * finds, with nothing missing and nothing twice. Last, with every broker down, a run fails fast and clearly.
 *
 * <p>Runs are paced (2,000 records/s, 60,000 records: about 30 s) so that the broker's absence and its return
 * (about 3 + 10 s here) both fall inside the run.
 */
@Tag("own-jvm") // see pom.xml: a cluster whose brokers are killed does not share a JVM with the other tests
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class BrokerFaultTest {

    private static final long RECORDS = 60_000;
    private static final double RATE = 2_000;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private KafkaCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = KafkaCluster.start();
    }

    @AfterAll
    void closeCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void anIdempotentRunThroughABrokerRestartLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = "idempotent-fault";
        LoadSpec spec = spec("idem-1", topic, Map.of("acks", "all", "enable.idempotence", "true"))
                .build();

        Outcome o = runWithBrokerRestart(spec, topic);

        assertDeliveredExactlyOnce(o, spec, topic);
    }

    @Test
    @Order(2)
    void aTransactionalRunThroughABrokerRestartLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = "transactional-fault";
        LoadSpec spec = spec("tx-1", topic, Map.of("acks", "all", "enable.idempotence", "true"))
                .transactions(new Transactions(Duration.ofMillis(100), "loadgen"))
                .build();

        Outcome o = runWithBrokerRestart(spec, topic);

        assertDeliveredExactlyOnce(o, spec, topic);
    }

    /**
     * Issue 14: every broker goes away for seconds in the middle of a paced run, then comes back. The outage must show
     * (a stall of sending or of acknowledgements, as long as most of the outage) and nothing may vanish: every record
     * the schedule made due is sent, failed, unconfirmed or counted as never sent, and the status says whether the
     * run still delivered its schedule.
     */
    @Test
    @Order(3)
    void anOutageOfEveryBrokerIsReportedAndEveryRecordDueIsAccountedFor() throws Exception {
        String topic = "outage";
        cluster.createTopic(topic, 3);
        Duration duration = Duration.ofSeconds(25);
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "bootstrap.servers",
                cluster.bootstrapServers(),
                "acks",
                "all",
                "enable.idempotence",
                "true",
                "linger.ms",
                "5"));
        LoadSpec spec = Specs.builder()
                .runId("outage-1")
                .topic(topic)
                .records(Workload.UNLIMITED)
                .duration(duration)
                .rate(RATE)
                .topicSetup(false, 3, KafkaCluster.REPLICATION_FACTOR)
                .producerConfig(config)
                .connectTimeout(Duration.ofSeconds(30))
                .sequenceHeader(true)
                .build();
        BackgroundRun run = new BackgroundRun(spec);
        run.awaitAcked(4_000);

        long downAt = System.nanoTime();
        cluster.stopBrokers();
        Thread.sleep(Math.max(0, 6_000 - (System.nanoTime() - downAt) / 1_000_000));
        cluster.startBrokers();
        long outageMillis = (System.nanoTime() - downAt) / 1_000_000;

        RunResult r = run.awaitEnd(false);
        Shortfall f = r.shortfall();
        long longestStall = Math.max(f.sending().longestMillis(), f.acks().longestMillis());
        assertThat(longestStall)
                .as("a stall as long as most of the %d ms outage: %s", outageMillis, f)
                .isGreaterThan(outageMillis / 2);
        // due by the stop: the duration's timer may fire a little late on a busy machine
        long due = (long) (RATE * duration.toSeconds());
        assertThat(r.total().sent() + r.total().failed() + f.unconfirmed() + f.notSent())
                .as("every record due is accounted for: %s, %s", r, f)
                .isBetween(due - 5, due + (long) RATE / 2);
        assertThat(r.status()).isEqualTo(f.incomplete() ? RunResult.Status.INCOMPLETE : RunResult.Status.COMPLETED);
        cluster.awaitFullIsr(topic, Duration.ofSeconds(60));
        List<Message> messages = cluster.readCommitted(topic);
        assertThat((long) messages.size())
                .as("what the topic holds: the sent ones, perhaps some unconfirmed, none failed")
                .isBetween(r.total().sent(), r.total().sent() + f.unconfirmed());
    }

    /** Last: it leaves the cluster without brokers. */
    @Test
    @Order(4)
    void withEveryBrokerDownARunFailsWithinTheConnectTimeoutNamingTheServers() {
        for (int id = 0; id < KafkaCluster.BROKERS; id++) cluster.stopBroker(id);
        LoadSpec spec = Specs.builder()
                .runId("down-1")
                .topic("down")
                .records(100)
                .topicSetup(true, 3, KafkaCluster.REPLICATION_FACTOR)
                .producerConfig(Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all"))
                .connectTimeout(Duration.ofSeconds(3))
                .stopTimeout(Duration.ofSeconds(5))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> new LoadEngine(ProducerFactory.KAFKA).run(spec, RunListeners.NONE))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith(
                        "cannot reach Kafka at " + cluster.bootstrapServers() + " within 3.0 s (--connect-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("bounded by the connect timeout")
                .isLessThan(Duration.ofSeconds(10));
    }

    /** What the run reported, and how far it had got when the broker went and when it was back. */
    private record Outcome(RunResult result, long sentWhenStopped, long sentWhenBack, int stoppedBroker) {}

    private Outcome runWithBrokerRestart(LoadSpec spec, String topic) throws InterruptedException {
        cluster.createTopic(topic, 6);
        int victim = cluster.busiestLeader(topic);
        BackgroundRun run = new BackgroundRun(spec);
        RunStats live = run.awaitAcked(4_000);

        long sentWhenStopped = live.sent();
        cluster.stopBroker(victim);
        cluster.startBroker(victim);
        long sentWhenBack = live.sent();
        RunResult result = run.awaitEnd(true);
        cluster.awaitFullIsr(topic, Duration.ofSeconds(60));
        return new Outcome(result, sentWhenStopped, sentWhenBack, victim);
    }

    /** A run on a thread of its own, so that the test can act on the cluster while it sends. */
    private static final class BackgroundRun {
        private final LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);
        private final AtomicReference<RunStats> live = new AtomicReference<>();
        private final AtomicReference<RunResult> result = new AtomicReference<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private final long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        private final Thread thread;

        BackgroundRun(LoadSpec spec) {
            thread = new Thread(
                    () -> {
                        try {
                            result.set(engine.run(spec, new RunListener() {
                                @Override
                                public void onStart(RunStats stats) {
                                    live.set(stats);
                                }
                            }));
                        } catch (Throwable t) {
                            error.set(t);
                        }
                    },
                    "fault-test-run");
            thread.start();
        }

        /** Waits until the run has {@code records} acknowledged; its live counters. */
        RunStats awaitAcked(long records) throws InterruptedException {
            while (thread.isAlive()
                    && (live.get() == null || live.get().sent() < records)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(live.get()).as("the run started; error: %s", error.get()).isNotNull();
            return live.get();
        }

        /** @param stopIfOverdue ask the run to stop if it has not ended by the deadline (else the test fails) */
        RunResult awaitEnd(boolean stopIfOverdue) throws InterruptedException {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive() && stopIfOverdue) {
                engine.requestStop();
                thread.join(30_000);
            }
            assertThat(thread.isAlive()).as("the run ended").isFalse();
            assertThat(error.get()).as("the run threw").isNull();
            return result.get();
        }
    }

    private void assertDeliveredExactlyOnce(Outcome o, LoadSpec spec, String topic) {
        RunResult r = o.result();
        assertThat(o.sentWhenBack())
                .as("broker %d was stopped and back while the run still sent", o.stoppedBroker())
                .isLessThan(RECORDS);
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.total().failed())
                .as("failed records, by type: %s", r.errors())
                .isZero();
        assertThat(r.total().sent()).isEqualTo(RECORDS);

        // An independent consumer, as the topic's readers see it: every Message number once, no more records than sent.
        List<Message> messages = cluster.readCommitted(topic);
        BitSet numbers = new BitSet();
        messages.forEach(m -> numbers.set((int) SeedRecord.parse(m.value()).messageNumber()));
        assertThat(messages).hasSize((int) r.total().sent());
        assertThat(numbers.cardinality()).as("distinct Message numbers").isEqualTo((int)
                r.total().sent());

        // What 'loadgen verify' reports: per sender, nothing missing and nothing twice.
        TopicVerifier.Outcome verified = new TopicVerifier(Map.of("bootstrap.servers", cluster.bootstrapServers()))
                .verify(topic, spec.runId(), Duration.ofSeconds(60));
        assertThat(verified.complete()).isTrue();
        assertThat(verified.recordsOfRun()).isEqualTo(r.total().sent());
        Map<SequenceTracker.Sender, SequenceTracker.SenderReport> senders =
                verified.tracker().bySender(Map.of());
        assertThat(senders).hasSize(spec.senders().threads());
        assertThat(senders.values()).allSatisfy(s -> {
            assertThat(s.missing()).as("missing").isZero();
            assertThat(s.duplicates()).as("duplicates").isZero();
        });
        assertThat(senders.values().stream()
                        .mapToLong(SequenceTracker.SenderReport::received)
                        .sum())
                .isEqualTo(r.total().sent());
    }

    /** Two sender threads (with transactions, one producer each), paced, the sequence header on. */
    private Specs spec(String runId, String topic, Map<String, String> producer) {
        Map<String, String> config = new java.util.HashMap<>(producer);
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("linger.ms", "5");
        return Specs.builder()
                .runId(runId)
                .topic(topic)
                .records(RECORDS)
                .duration(Duration.ofSeconds(90))
                .rate(RATE)
                .threads(2)
                .topicSetup(false, 6, KafkaCluster.REPLICATION_FACTOR)
                .producerConfig(config)
                .connectTimeout(Duration.ofSeconds(30))
                .sequenceHeader(true);
    }
}
