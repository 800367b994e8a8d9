package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Specs;
import io.loadgen.spec.Workload;
import io.loadgen.stats.RunResult;
import io.loadgen.testing.KafkaBroker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rate that holds and latency that tells the truth, against the real broker: short runs with loose bounds (±5 %),
 * because CI machines are noisy. The issue's own check (30 s at a fixed rate, within 2 %) is a manual/bench check;
 * see the README.
 */
@Timeout(120)
class PacedRunRateTest {

    @Test
    void aFixedRateIsHeldOverFiveSeconds() {
        String topic = KafkaBroker.uniqueTopic("paced");
        RunResult r = new LoadEngine(ProducerFactory.KAFKA)
                .run(spec(topic, new RateShape.Constant(2_000), Duration.ofSeconds(5)), RunListeners.NONE);

        assertThat(r.total().failed()).isZero();
        assertThat((double) r.total().sent()).as("records sent").isCloseTo(10_000, within(500.0));
        // The schedule ends with the duration: what was due in 5 s at 2,000/s is sent or said to be not sent, however
        // late the stop came (before, the records due meanwhile were sent too, or the last few reported not sent).
        assertThat(r.total().sent() + r.shortfall().notSent())
                .as("sent and not sent: what the schedule made due within the duration")
                .isEqualTo(10_000);
        assertThat(r.stopReason()).isEqualTo("duration reached");
        assertThat(r.recordsPerSecond()).as("achieved records/s").isCloseTo(2_000, within(100.0));
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(r.total().sent());
        assertThat(r.latencies().scheduleDelay().getTotalCount())
                .as("a schedule delay per measured record")
                .isEqualTo(r.measured().sent());
        assertThat(r.latencies().intended().getTotalCount())
                .isEqualTo(r.measured().sent());
        assertThat(r.latencies().intended().getValueAtPercentile(50))
                .as("from due includes send→ack")
                .isGreaterThanOrEqualTo(r.latencies().sendToAck().getValueAtPercentile(50));
    }

    @Test
    void aRampTakesAsLongAsItsCurveSays() {
        String topic = KafkaBroker.uniqueTopic("ramp");
        // 0 -> 4000/s over 4 s: the integral is 500 t^2 records by t, so the 8,000th is due at 4.0 s. Bounded by the
        // record count, and the duration (20 s) far off. The curve itself (when each record is due) is
        // LoadShapePacerTest's.
        RunResult r = new LoadEngine(ProducerFactory.KAFKA)
                .run(
                        spec(
                                topic,
                                new RateShape.Ramp(0, 4_000, Duration.ofSeconds(4)),
                                Duration.ofSeconds(20),
                                2,
                                8_000),
                        RunListeners.NONE);

        assertThat(r.total().failed()).isZero();
        assertThat(r.total().sent()).isEqualTo(8_000);
        assertThat(KafkaBroker.countTopic(topic)).isEqualTo(8_000);
        assertThat(r.window().elapsedSeconds())
                .as("no sooner than the schedule makes the last record due")
                .isGreaterThanOrEqualTo(3.95)
                .isLessThan(12.0);
    }

    /**
     * Coordinated omission: the producer stalls for a second once. The records due meanwhile are sent late, in a burst,
     * and each is acknowledged quickly after its own send call: send→ack barely moves. Latency from the intended send
     * time counts the wait, so the stall shows.
     */
    @Test
    void aStallShowsInLatencyFromTheIntendedTimeWhileSendToAckHidesIt() {
        AtomicLong sends = new AtomicLong();
        ProducerFactory stallsOnce = config -> stallingAt(ProducerFactory.KAFKA.create(config), sends, 2_000);
        RunResult r = new LoadEngine(stallsOnce)
                .run(
                        spec(KafkaBroker.uniqueTopic("stall"), new RateShape.Constant(2_000), Duration.ofSeconds(3), 1),
                        RunListeners.NONE);

        long intendedP99 = r.latencies().intended().getValueAtPercentile(99);
        assertThat(r.total().failed()).isZero();
        assertThat(r.latencies().scheduleDelay().getMaxValue())
                .as("µs behind schedule at worst")
                .isGreaterThan(900_000);
        assertThat(intendedP99).as("µs, from the intended time").isGreaterThan(500_000);
        // A third of the records waited 0-1 s for the stall: from the intended time their p90 is about 700 ms. At p90,
        // not p99: a moment of a busy machine's broker can hold 1 % of acknowledgements for half a second (seen once
        // in CI, send→ack p99 565 ms), and what this shows is the third of the run that send→ack does not see.
        long ackP90 = r.latencies().sendToAck().getValueAtPercentile(90);
        long intendedP90 = r.latencies().intended().getValueAtPercentile(90);
        assertThat(intendedP90).as("µs, from the intended time").isGreaterThan(500_000);
        assertThat(ackP90).as("µs, send→ack").isLessThan(intendedP90 / 2);
    }

    /** The producer, but its {@code n}th send blocks for a second, as a full buffer or a paused broker would. */
    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> stallingAt(Producer<byte[], byte[]> real, AtomicLong sends, long n) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(
                Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && sends.incrementAndGet() == n) Thread.sleep(1_000);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static LoadSpec spec(String topic, RateShape rate, Duration duration) {
        return spec(topic, rate, duration, 2);
    }

    private static LoadSpec spec(String topic, RateShape rate, Duration duration, int threads) {
        return spec(topic, rate, duration, threads, Workload.UNLIMITED);
    }

    private static LoadSpec spec(String topic, RateShape rate, Duration duration, int threads, long records) {
        return Specs.builder()
                .runId("paced-test")
                .topic(topic)
                .records(records)
                .duration(duration)
                .rate(rate)
                .threads(threads)
                .topicSetup(true, 3, (short) 1)
                .producerConfig(
                        Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(), "acks", "1", "linger.ms", "5"))
                .connectTimeout(Duration.ofSeconds(30))
                .sequenceHeader(true)
                .build();
    }
}
