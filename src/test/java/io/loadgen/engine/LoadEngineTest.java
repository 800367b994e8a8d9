package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Specs;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Timeline;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SeedRecord;
import io.loadgen.testing.TopicReader.Message;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine against the shared in-JVM broker: its counts are what the broker holds (issue item 5). */
@Timeout(60)
class LoadEngineTest {

    @Test
    void severalThreadsAndProducersSendEveryPositionOnce() {
        String topic = KafkaBroker.uniqueTopic("engine");

        RunResult result = new LoadEngine(ProducerFactory.KAFKA).run(spec(topic, 20_000, 0, 4, 2), RunListeners.NONE);

        assertThat(result.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(result.total().sent())
                .as("failed %d, by type %s", result.total().failed(), result.errors())
                .isEqualTo(20_000);
        List<Message> messages = KafkaBroker.readTopic(topic);
        BitSet numbers = new BitSet();
        messages.forEach(m -> numbers.set((int) SeedRecord.parse(m.value()).messageNumber()));
        assertThat(messages).hasSize(20_000);
        assertThat(numbers.cardinality()).isEqualTo(20_000);
    }

    @Test
    void onlyAcknowledgedRecordsCountAsSentAndFailuresAreCountedByType() {
        String topic = KafkaBroker.uniqueTopic("failing");
        // Every 100th record fails inside the client, as a record too large for the broker would.
        ProducerFactory failingEveryHundredth = config -> new KafkaProducer<byte[], byte[]>(config) {
            private final AtomicLong sends = new AtomicLong();

            @Override
            public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (sends.incrementAndGet() % 100 == 0) {
                    RecordTooLargeException e = new RecordTooLargeException("test");
                    callback.onCompletion(null, e);
                    return CompletableFuture.failedFuture(e);
                }
                return super.send(record, callback);
            }
        };

        List<Progress> intervals = new CopyOnWriteArrayList<>();
        RunResult result = new LoadEngine(failingEveryHundredth).run(spec(topic, 10_000, 0, 2, 1), new RunListener() {
            @Override
            public void onProgress(Progress p) {
                intervals.add(p);
            }

            @Override
            public void onEnd(Progress last) {
                intervals.add(last);
            }
        });

        assertThat(result.total().failed())
                .as("failed, by type %s", result.errors())
                .isEqualTo(100);
        assertThat(result.total().sent()).isEqualTo(9_900);
        assertThat(result.errors()).containsOnly(Map.entry("RecordTooLargeException", 100L));
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(result.total().sent());
        // Issue 19: the progress intervals and the last one cover the run, and so does its timeline.
        assertThat(intervals.stream().mapToLong(Progress::intervalSent).sum()).isEqualTo(9_900);
        assertThat(intervals.stream()
                        .mapToLong(p -> p.snapshot().intervalSendToAck().getTotalCount())
                        .sum())
                .isEqualTo(result.measured().sent());
        Timeline timeline = result.timeline();
        assertThat(timeline.intervals().size())
                .as("a last interval of a few ms joins the one before it")
                .isBetween(intervals.size() - 1, intervals.size());
        assertThat(timeline.intervals().stream()
                        .mapToLong(Timeline.Interval::sent)
                        .sum())
                .isEqualTo(9_900);
        assertThat(timeline.intervals().stream()
                        .mapToLong(Timeline.Interval::failed)
                        .sum())
                .isEqualTo(100);
        assertThat(timeline.intervals().stream()
                        .mapToLong(i -> i.errors().getOrDefault("RecordTooLargeException", 0L))
                        .sum())
                .isEqualTo(100);
        assertThat(timeline.intervals().get(0).startEpochMillis())
                .isEqualTo(result.window().startEpochMillis());
        assertThat(timeline.intervals().get(timeline.intervals().size() - 1).endEpochMillis())
                .isEqualTo(result.window().endEpochMillis());
    }

    @Test
    void aStopRequestEndsTheRunWithCountsThatMatchTheTopic() throws InterruptedException {
        String topic = KafkaBroker.uniqueTopic("stopped");
        LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);
        AtomicReference<RunStats> live = new AtomicReference<>();
        AtomicReference<RunResult> result = new AtomicReference<>();

        Thread run = new Thread(() -> result.set(engine.run(spec(topic, 1_000_000, 5_000, 2, 1), new RunListener() {
            @Override
            public void onStart(RunStats stats) {
                live.set(stats);
            }
        })));
        run.start();
        while (run.isAlive() && (live.get() == null || live.get().sent() < 1_000)) Thread.sleep(20);
        engine.requestStop();
        run.join(Duration.ofSeconds(30).toMillis());

        assertThat(run.isAlive()).as("stopped within the stop timeout").isFalse();
        assertThat(result.get().status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(result.get().stopReason()).isEqualTo("interrupted");
        assertThat(result.get().total().sent()).isBetween(1_000L, 999_999L);
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(result.get().total().sent());
    }

    /**
     * The two steps of a run: prepare connects and sends nothing; what happens between (a fleet's barrier) is the
     * caller's; a stop asked for then means the run never starts, and a prepared run closed unstarted sends nothing.
     */
    @Test
    void aPreparedRunSendsNothingUntilStartedAndAStopBeforeTheStartEndsIt() {
        String topic = KafkaBroker.uniqueTopic("prepared");
        LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);

        try (PreparedRun prepared = engine.prepare(spec(topic, 1_000, 0, 1, 1))) {
            assertThat(KafkaBroker.countTopic(topic))
                    .as("prepared: the topic exists, nothing sent")
                    .isZero();
            engine.requestStop();
            assertThatThrownBy(() -> engine.start(prepared, RunListeners.NONE))
                    .isInstanceOf(StoppedBeforeStartException.class)
                    .hasMessageContaining("nothing was sent");
            assertThatThrownBy(() -> engine.start(prepared, RunListeners.NONE))
                    .as("a prepared run starts once")
                    .isInstanceOf(IllegalStateException.class);
        }

        LoadEngine second = new LoadEngine(ProducerFactory.KAFKA);
        try (PreparedRun prepared = second.prepare(spec(topic, 1_000, 0, 1, 1))) {
            assertThat(second.start(prepared, RunListeners.NONE).total().sent()).isEqualTo(1_000);
        }
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(1_000);
    }

    /** The run card's cluster part is read while preparing, for a topic created then and for one that existed. */
    @Test
    void preparingReadsTheClustersFactsForTheRunCard() {
        String topic = KafkaBroker.uniqueTopic("card");
        LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);

        try (PreparedRun created = engine.prepare(spec(topic, 1, 0, 1, 1))) {
            RunCard.Cluster c = created.card().cluster();
            assertThat(c.brokers()).isEqualTo(1);
            assertThat(c.topic()).isEqualTo(topic);
            assertThat(c.partitions()).isEqualTo(3);
            assertThat(c.replicationFactor()).isEqualTo(1);
            // the in-JVM broker is KRaft: it reports the metadata.version it was formatted with
            assertThat(c.brokerVersion()).matches("metadata\\.version \\d+\\.\\d+-IV\\d+");
        }
        try (PreparedRun existing = engine.prepare(spec(topic, 1, 0, 1, 1))) {
            assertThat(existing.card().cluster().partitions()).isEqualTo(3);
            assertThat(existing.card().cluster().brokers()).isEqualTo(1);
            assertThat(existing.card().machine().cores())
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    private static LoadSpec spec(String topic, long messages, double rate, int threads, int producers) {
        return Specs.builder()
                .runId("engine-test")
                .topic(topic)
                .records(messages)
                .rate(rate)
                .threads(threads)
                .producers(producers)
                .topicSetup(true, 3, (short) 1)
                .producerConfig(
                        Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(), "linger.ms", "5", "acks", "all"))
                .build();
    }
}
