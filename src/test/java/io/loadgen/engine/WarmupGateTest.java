package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.Warmup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WarmupGateTest {

    private static final long START = 5_000_000_000L;

    @Test
    void withoutWarmupEveryRecordIsMeasured() {
        WarmupGate gate = new WarmupGate(Warmup.NONE, 0, START);

        assertThat(gate.measured(0, START)).isTrue();
    }

    @Test
    void aRecordCountWarmupLeavesOutTheFirstPositions() {
        WarmupGate gate = new WarmupGate(new Warmup(1_000, Duration.ZERO), 0, START);

        assertThat(gate.measured(999, START + 60_000_000_000L)).isFalse();
        assertThat(gate.measured(1_000, START)).isTrue();
    }

    @Test
    void aTimeWarmupLeavesOutWhatIsSentBeforeItEnds() {
        WarmupGate gate = new WarmupGate(new Warmup(0, Duration.ofSeconds(5)), 0, START);

        assertThat(gate.measured(1_000_000, START + 4_999_999_999L)).isFalse();
        assertThat(gate.measured(0, START + 5_000_000_000L)).isTrue();
    }

    @Test
    void theMeasuredWindowStartsAtTheEarliestFirstMeasuredSend() {
        WarmupGate gate = new WarmupGate(new Warmup(10, Duration.ZERO), 0, START);

        assertThat(gate.measuredStartNanos(42))
                .as("nothing measured yet: the fallback")
                .isEqualTo(42);
        gate.firstMeasured(START + 300);
        gate.firstMeasured(START + 100);
        gate.firstMeasured(START + 200);
        assertThat(gate.measuredStartNanos(42)).isEqualTo(START + 100);
    }
}
