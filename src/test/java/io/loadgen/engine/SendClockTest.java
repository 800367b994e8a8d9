package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendClockTest {

    @Test
    void theRecordsWallClockTimeIsItsSendTimeReading() {
        AtomicLong monotonic = new AtomicLong(5_000);
        long epochOffset = 1_764_000_000_000_000_000L - 5_000; // the wall clock read when the monotonic one said 5,000
        SendClock clock = new SendClock(monotonic::get, epochOffset);

        assertThat(clock.read()).isEqualTo(5_000);
        assertThat(clock.epochNanos()).isEqualTo(1_764_000_000_000_000_000L);

        monotonic.set(7_500);
        assertThat(clock.epochNanos())
                .as("no new reading until the next record")
                .isEqualTo(1_764_000_000_000_000_000L);
        assertThat(clock.read()).isEqualTo(7_500);
        assertThat(clock.epochNanos()).isEqualTo(1_764_000_000_000_002_500L);
    }
}
