package io.loadgen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's write time, and so a group's lag in time, from the end offsets read over time. */
class EndOffsetHistoryTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aCommittedOffsetIsPlacedBetweenTheTwoReadingsAroundIt() {
        EndOffsetHistory h = new EndOffsetHistory();
        h.add(0, Map.of(0, 0L));
        h.add(S, Map.of(0, 1_000L));
        h.add(2 * S, Map.of(0, 2_000L));

        assertThat(h.writtenAt(0, 500)).isEqualTo(S / 2);
        assertThat(h.writtenAt(0, 1_500)).isEqualTo(S + S / 2);
        assertThat(h.writtenAt(0, 2_000)).as("not written yet").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aRecordOlderThanEveryReadingIsAsOldAsTheFirstAtLeast() {
        EndOffsetHistory h = new EndOffsetHistory();
        h.add(5 * S, Map.of(0, 100L));
        h.add(6 * S, Map.of(0, 200L));

        assertThat(h.writtenAt(0, 10)).isEqualTo(5 * S);
    }

    @Test
    void readingsNoGroupNeedsAreDropped() {
        EndOffsetHistory h = new EndOffsetHistory();
        for (int i = 0; i <= 10; i++) h.add(i * S, Map.of(0, 100L * i));

        h.forgetBefore(Map.of(0, 750L));

        assertThat(h.writtenAt(0, 750)).isEqualTo(7 * S + S / 2);
        assertThat(h.size()).isEqualTo(4); // the readings at 7, 8, 9 and 10 s
    }
}
