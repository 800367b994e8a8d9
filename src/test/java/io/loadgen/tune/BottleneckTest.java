package io.loadgen.tune;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict from the producer's metrics, one row per way a pipeline backs up. */
class BottleneckTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                         wait, free, inFlight, cap, latency, throttle, maxInFlight, paced, keptUp, kind,
        // evidence
        "'quota throttling',             0.0,  0.9,  1,        5,   40,      12,       5,   false, false, BROKER_BOUND,    produce-throttle-time-avg 12.0 ms",
        "'window full, small window',    0.3,  0.0,  1.9,      2,   8,       0,        2,   false, false, IN_FLIGHT_BOUND, requests-in-flight 1.90 of at most 2",
        "'window full at 5',             0.3,  0.0,  4.8,      5,   80,      0,        5,   false, false, BROKER_BOUND,    request-latency-avg 80.0 ms",
        "'buffer waits',                 0.4,  0.0,  2,        5,   5,       0,        5,   false, false, BUFFER_BOUND,    bufferpool-wait-ratio 0.400",
        "'buffer nearly full',           0.0,  0.05, 2,        5,   5,       0,        5,   false, false, BUFFER_BOUND,    buffer at least 5% free",
        "'room everywhere',              0.0,  0.95, 0.5,      5,   2,       0,        5,   false, false, GENERATOR_BOUND, sender threads on a CPU 97%",
        "'room, threads starved of CPU', 0.0,  0.95, 0.5,      5,   2,       0,        5,   false, false, GENERATOR_BOUND, host CPU 100% busy",
        "'paced and keeping up',         0.0,  0.99, 0.2,      5,   2,       0,        5,   true,  true,  RATE_BOUND,      kept up with its target rate",
    })
    void judgesFromTheMetrics(
            String name,
            double wait,
            double free,
            double inFlight,
            double cap,
            double latency,
            double throttle,
            int maxInFlight,
            boolean paced,
            boolean keptUp,
            Bottleneck.Kind kind,
            String evidence) {
        boolean starved = name.contains("starved");
        ProducerEvidence e = new ProducerEvidence(
                wait,
                free,
                inFlight,
                cap,
                latency,
                throttle,
                3,
                0.5,
                starved ? 0.15 : 0.97,
                starved ? 1.0 : 0.4,
                maxInFlight,
                10);

        Bottleneck b = Bottleneck.judge(e, paced, keptUp);

        assertThat(b.kind()).isEqualTo(kind);
        assertThat(b.evidence()).anySatisfy(line -> assertThat(line).contains(evidence));
        assertThat(b.advice()).isNotBlank();
        assertThat(b.advice().contains("starved of CPU")).as(b.advice()).isEqualTo(starved);
    }
}
