package io.loadgen.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.payload.SequenceHeader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private static SequenceHeader.Decoded seq(int sender, long n) {
        return SequenceHeader.decode(
                new SequenceHeader("run-1", 2, sender).next(n).clone());
    }

    @Test
    void theHeaderRoundTrips() {
        SequenceHeader header = new SequenceHeader("rün-7", 3, 1);
        assertThat(SequenceHeader.decode(header.next(123_456_789_012L)))
                .isEqualTo(new SequenceHeader.Decoded("rün-7", 3, 1, 123_456_789_012L));
        assertThat(SequenceHeader.decode("not ours".getBytes())).isNull();
    }

    @Test
    void aCleanSequenceHasNothingMissing() {
        SequenceTracker t = new SequenceTracker();
        for (long n = 0; n < 1_000; n++) t.record((int) (n % 3), seq(0, n), 5_000);
        SequenceTracker.SenderReport r = t.bySender(Map.of()).get(new SequenceTracker.Sender(2, 0));
        assertThat(r).isEqualTo(new SequenceTracker.SenderReport(1_000, 0, 0, 0, 999));
        assertThat(t.endToEndMicros().getTotalCount()).isEqualTo(1_000);
    }

    @Test
    void gapsDuplicatesAndReorderingAreCountedPerSender() {
        SequenceTracker t = new SequenceTracker();
        for (long n : new long[] {0, 1, 3, 3, 5, 4}) t.record(0, seq(0, n), -1); // 2 missing, 3 twice, 4 after 5
        t.record(1, seq(1, 0), -1);
        t.record(2, seq(1, 2), -1); // sender 1 misses 1; different partitions, so no reordering

        assertThat(t.bySender(Map.of()).get(new SequenceTracker.Sender(2, 0)))
                .isEqualTo(new SequenceTracker.SenderReport(6, 1, 1, 1, 5));
        assertThat(t.bySender(Map.of()).get(new SequenceTracker.Sender(2, 1)))
                .isEqualTo(new SequenceTracker.SenderReport(2, 0, 0, 1, 2));
        assertThat(t.endToEndMicros().getTotalCount())
                .as("unknown end-to-end times are not recorded")
                .isZero();
    }

    @Test
    void aLostTailIsMissingOnceTheRunSaysHowManyEachSenderHandedOver() {
        SequenceTracker t = new SequenceTracker();
        for (long n = 0; n < 900; n++) t.record(0, seq(0, n), -1); // sender 0 handed 1,000: the last 100 never arrived
        Map<SequenceTracker.Sender, Long> handed = Map.of(
                new SequenceTracker.Sender(2, 0),
                1_000L,
                new SequenceTracker.Sender(2, 1),
                50L); // sender 1: nothing of it arrived at all

        assertThat(t.bySender(Map.of()).get(new SequenceTracker.Sender(2, 0)).missing())
                .as("from the topic alone")
                .isZero();
        Map<SequenceTracker.Sender, SequenceTracker.SenderReport> withResult = t.bySender(handed);
        assertThat(withResult.get(new SequenceTracker.Sender(2, 0)))
                .isEqualTo(new SequenceTracker.SenderReport(900, 0, 0, 100, 899));
        assertThat(withResult.get(new SequenceTracker.Sender(2, 1)))
                .isEqualTo(new SequenceTracker.SenderReport(0, 0, 0, 50, -1));
    }
}
