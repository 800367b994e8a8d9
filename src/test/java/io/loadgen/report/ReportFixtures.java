package io.loadgen.report;

import io.loadgen.spec.Distribution;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import io.loadgen.spec.Specs;
import io.loadgen.spec.Warmup;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A finished run with known numbers, and settings that include a secret, for the report tests. */
final class ReportFixtures {

    static final String PASSWORD = "s3cret-pw";
    static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + PASSWORD
                    + "\";";
    /** The verdict on a run without SLO gates, as GateReport.evaluate gives it for an unpaced run. */
    static final GateReport NO_GATES = new GateReport(List.of(), GateReport.LatencyBasis.SEND_TO_ACK);

    private ReportFixtures() {}

    static LoadSpec spec() {
        return Specs.builder()
                .runId("run-7")
                .records(50_000)
                .threads(2)
                .warmup(new Warmup(1_000, Duration.ZERO))
                .topicSetup(true, 6, (short) 1)
                .payload(new PayloadSpec(
                        PayloadType.SEED,
                        Distribution.constant(124),
                        null,
                        null,
                        new int[] {1, 1, 1, 1},
                        10,
                        KeyStrategy.RESOURCE_ID,
                        null,
                        42))
                .producerConfig(Map.of(
                        "bootstrap.servers",
                        "127.0.0.1:9092",
                        "acks",
                        "all",
                        "sasl.jaas.config",
                        JAAS,
                        "ssl.truststore.password",
                        PASSWORD))
                .reportInterval(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** 50,000 acknowledged (1,000 in warm-up), 3 failed, latencies 1..49 ms, 2 s of sending. */
    static RunResult result() {
        Histogram ack = LatencyHistograms.empty();
        for (long ms = 1; ms < 50; ms++) ack.recordValueWithCount(ms * 1_000, 1_000);
        return Results.builder()
                .runId("run-7")
                .stopReason("all 50000 records handed to the producer")
                .startEpochMillis(1_764_072_000_000L)
                .measuredStartEpochMillis(1_764_072_000_100L)
                .endEpochMillis(1_764_072_002_100L)
                .sent(50_000)
                .failed(3)
                .bytes(6_000_000)
                .measuredSent(49_000)
                .measuredBytes(5_880_000)
                .measuredFailed(3)
                .errors(Map.of("TimeoutException", 3L))
                .sendToAckLatency(ack)
                .compressionRatio(4.25)
                .settings(spec().describe())
                .build();
    }
}
