package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every position 0 .. limit-1 goes to exactly one thread: unique Message numbers and an exact total. */
@Timeout(30)
class SequenceClaimsTest {

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(longs = {1, SequenceClaims.BLOCK - 1, SequenceClaims.BLOCK, 5L * SequenceClaims.BLOCK + 17, 1_000_003})
    void everyPositionIsHandedOutExactlyOnceAcrossThreads(long limit) throws InterruptedException {
        SequenceClaims claims = new SequenceClaims(0, limit);
        int threads = 4;
        List<long[]> taken = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            SequenceClaims.Cursor cursor = claims.new Cursor();
            long[] mine = new long[(int) limit];
            taken.add(mine);
            workers.add(new Thread(() -> {
                awaitQuietly(start);
                int n = 0;
                for (long p; (p = cursor.next()) >= 0; ) mine[n++] = p + 1; // +1 so that 0 marks an unused slot
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (Thread w : workers) w.join();

        BitSet seen = new BitSet();
        long total = 0;
        for (long[] mine : taken) {
            for (long p1 : mine) {
                if (p1 == 0) break;
                long p = p1 - 1;
                assertThat(seen.get((int) p))
                        .as("position %d handed out twice", p)
                        .isFalse();
                seen.set((int) p);
                total++;
            }
        }
        assertThat(total).isEqualTo(limit);
        assertThat(seen.nextClearBit(0)).isEqualTo((int) limit);
    }

    @Test
    void anExhaustedCursorStaysExhausted() {
        SequenceClaims claims = new SequenceClaims(0, 3);
        SequenceClaims.Cursor cursor = claims.new Cursor();

        assertThat(new long[] {cursor.next(), cursor.next(), cursor.next()}).containsExactly(0, 1, 2);
        assertThat(cursor.next()).isEqualTo(-1);
        assertThat(cursor.next()).isEqualTo(-1);
        assertThat(claims.new Cursor().next()).isEqualTo(-1);
    }

    @Test
    void aCursorWalksItsOwnBlockInOrder() {
        SequenceClaims claims = new SequenceClaims(0, 10 * SequenceClaims.BLOCK);
        SequenceClaims.Cursor first = claims.new Cursor();
        SequenceClaims.Cursor second = claims.new Cursor();

        assertThat(first.next()).isZero();
        assertThat(second.next()).isEqualTo(SequenceClaims.BLOCK);
        assertThat(first.next()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
