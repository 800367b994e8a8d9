package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.loadgen.spec.KeyStrategy;
import io.loadgen.testing.SeedRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's JSON log record (issue item 4), checked with Jackson against a fake wall clock. */
@Timeout(30)
class SeedLogGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:01.123456789Z");

    /** A wall clock that reads whatever the test set. */
    private static final class FakeClock implements LongSupplier {
        long epochNanos;

        FakeClock(Instant at) {
            set(at);
        }

        void set(Instant at) {
            epochNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }

        @Override
        public long getAsLong() {
            return epochNanos;
        }
    }

    private final FakeClock clock = new FakeClock(NOW);

    @Test
    void everyValueIsJsonWithExactlyTheFourSeedFields() {
        SeedLogGenerator generator = new SeedLogGenerator(Payloads.seed(), clock);

        for (long position = 0; position < 20_000; position++) {
            SeedRecord r = SeedRecord.parse(generator.value(position));

            assertThat(r.instant()).isEqualTo(NOW);
            assertThat(r.message()).isEqualTo("Test log message " + position);
            assertThat(r.resourceId()).isEqualTo("resource-" + position % 10);
        }
    }

    @Test
    void theTimestampIsRfc3339WithNanosecondsInUtc() {
        SeedRecord r = SeedRecord.parse(new SeedLogGenerator(Payloads.seed(), clock).value(7));

        assertThat(r.timestamp()).isEqualTo("2026-11-25T12:00:01.123456789Z");
    }

    @Test
    void theTimestampFollowsTheClockAcrossSecondsDaysAndYears() {
        SeedLogGenerator generator = new SeedLogGenerator(Payloads.seed(), clock);
        // The formatter caches the text up to the second; every step here changes that part or the nanoseconds only.
        for (String at : new String[] {
            "2026-11-25T12:00:01.999999999Z",
            "2026-11-25T12:00:02.000000001Z",
            "2026-11-25T12:00:02.000000000Z",
            "2026-11-25T12:00:02.000000005Z",
            "2026-11-25T12:00:02.050000000Z",
            "2026-12-31T23:59:59.999999999Z",
            "2027-01-01T00:00:00.000000000Z",
            "2028-02-29T08:09:10.010203040Z"
        }) {
            clock.set(Instant.parse(at));

            assertThat(SeedRecord.parse(generator.value(1)).timestamp()).isEqualTo(at);
        }
    }

    @Test
    void messagesAndResourcesFollowThePositionForAnyCardinality() {
        SeedLogGenerator generator =
                new SeedLogGenerator(Payloads.seed(Payloads.UNIFORM, 1_000, KeyStrategy.NONE, 1), clock);

        for (long position : new long[] {0, 9, 10, 999, 1_000, 123_456_789, 1_234_567_890_123L, Long.MAX_VALUE}) {
            SeedRecord r = SeedRecord.parse(generator.value(position));

            assertThat(r.messageNumber()).isEqualTo(position);
            assertThat(r.resourceNumber()).isEqualTo(position % 1_000);
        }
    }

    @Test
    void onlyPositiveWeightsArePicked() {
        assertThat(levelShares(new int[] {1, 0, 0, 0}, 10_000)).containsOnlyKeys("INFO");
        assertThat(levelShares(new int[] {0, 0, 5, 0}, 10_000)).containsOnlyKeys("ERROR");
        assertThat(levelShares(new int[] {0, 1, 0, 1}, 10_000)).containsOnlyKeys("WARN", "DEBUG");
    }

    @Test
    void uniformWeightsGiveEachLevelAQuarter() {
        Map<String, Double> shares = levelShares(Payloads.UNIFORM, 100_000);

        assertThat(shares).containsOnlyKeys(SeedRecord.LEVELS);
        shares.values().forEach(share -> assertThat(share).isCloseTo(0.25, within(0.02)));
    }

    @Test
    void levelsFollowUnevenWeights() {
        Map<String, Double> shares = levelShares(new int[] {70, 20, 5, 5}, 100_000);

        assertThat(shares.get("INFO")).isCloseTo(0.70, within(0.02));
        assertThat(shares.get("WARN")).isCloseTo(0.20, within(0.02));
        assertThat(shares.get("ERROR")).isCloseTo(0.05, within(0.01));
        assertThat(shares.get("DEBUG")).isCloseTo(0.05, within(0.01));
    }

    @Test
    void theSameSeedAndPositionGiveTheSameRecord() {
        SeedLogGenerator a = new SeedLogGenerator(Payloads.seed(), clock);
        SeedLogGenerator b = new SeedLogGenerator(Payloads.seed(), clock);

        // b walks the positions backwards: a value depends on its position, not on what was made before
        for (long position = 999; position >= 0; position--) {
            assertThat(b.value(position).clone()).isEqualTo(a.value(position).clone());
        }
    }

    @Test
    void anotherSeedGivesAnotherSequenceOfLevels() {
        SeedLogGenerator a = new SeedLogGenerator(Payloads.seed(Payloads.UNIFORM, 10, KeyStrategy.NONE, 1), clock);
        SeedLogGenerator b = new SeedLogGenerator(Payloads.seed(Payloads.UNIFORM, 10, KeyStrategy.NONE, 2), clock);

        long differing = 0;
        for (long position = 0; position < 1_000; position++) {
            if (!SeedRecord.parse(a.value(position))
                    .level()
                    .equals(SeedRecord.parse(b.value(position)).level())) differing++;
        }
        assertThat(differing).as("about 3 in 4 differ by chance").isGreaterThan(500);
    }

    /**
     * The contract of {@link RecordGenerator}: the array is the generator's, valid until the next call. Values of
     * the same length reuse one array (no allocation per record), but each call rewrites it completely.
     */
    @Test
    void aValueOfTheSameLengthReusesTheArrayWithFreshContents() {
        SeedLogGenerator generator =
                new SeedLogGenerator(Payloads.seed(new int[] {1, 0, 0, 0}, 10, KeyStrategy.NONE, 1), clock);

        byte[] first = generator.value(10);
        byte[] firstCopy = first.clone();
        clock.set(NOW.plusNanos(1));
        byte[] second = generator.value(11);

        assertThat(second).isSameAs(first);
        assertThat(SeedRecord.parse(firstCopy))
                .isEqualTo(new SeedRecord("2026-11-25T12:00:01.123456789Z", "INFO", 10, 0));
        assertThat(SeedRecord.parse(second)).isEqualTo(new SeedRecord("2026-11-25T12:00:01.123456790Z", "INFO", 11, 1));
    }

    @ParameterizedTest(name = "position {0}")
    @ValueSource(longs = {9, 99, 999_999})
    void aValueOfAnotherLengthIsRightToo(long position) {
        // one level only, so the length changes with the number of digits alone
        SeedLogGenerator generator =
                new SeedLogGenerator(Payloads.seed(new int[] {1, 0, 0, 0}, 10, KeyStrategy.NONE, 1), clock);
        byte[] shorter = generator.value(position).clone();
        byte[] longer = generator.value(position + 1);

        assertThat(longer.length).isGreaterThan(shorter.length);
        assertThat(SeedRecord.parse(shorter).messageNumber()).isEqualTo(position);
        assertThat(SeedRecord.parse(longer).messageNumber()).isEqualTo(position + 1);
        assertThat(SeedRecord.parse(generator.value(position)).messageNumber())
                .as("back to the shorter array")
                .isEqualTo(position);
    }

    @Test
    void aRecordIsAboutAsLongAsTheSeeds() {
        byte[] value = new SeedLogGenerator(Payloads.seed(), clock).value(1_999_999);

        // {"Timestamp":"...30...","Level":"ERROR","Message":"Test log message 1999999","ResourceID":"resource-9"}
        assertThat(value.length).isBetween(100, 130);
    }

    private Map<String, Double> levelShares(int[] weights, int records) {
        SeedLogGenerator generator =
                new SeedLogGenerator(Payloads.seed(weights, 10, KeyStrategy.NONE, Payloads.SEED), clock);
        Map<String, Integer> counts = new HashMap<>();
        for (long position = 0; position < records; position++) {
            counts.merge(SeedRecord.parse(generator.value(position)).level(), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((level, n) -> shares.put(level, n / (double) records));
        return shares;
    }
}
