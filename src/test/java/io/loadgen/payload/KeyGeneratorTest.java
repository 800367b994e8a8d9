package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.Distribution;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.testing.SeedRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KeyGeneratorTest {

    @Test
    void sequenceKeysAreThePositionSoEveryRecordHasItsOwn() {
        KeyGenerator keys = new KeyGenerator(Payloads.keys(KeyStrategy.SEQUENCE, 10, 1));

        assertThat(text(keys.key(0))).isEqualTo("0");
        assertThat(text(keys.key(9))).isEqualTo("9");
        assertThat(text(keys.key(1_234_567_890_123L))).isEqualTo("1234567890123");
    }

    @Test
    void uniformKeysCoverKeyZeroToNMinusOneEvenly() {
        int n = 50;
        KeyGenerator keys = new KeyGenerator(Payloads.drawnKeys(KeyStrategy.UNIFORM, Distribution.range(0, n - 1), 7));
        int draws = 100_000;
        Map<String, Integer> counts = new HashMap<>();
        for (long p = 0; p < draws; p++) counts.merge(text(keys.key(p)), 1, Integer::sum);

        assertThat(counts).hasSize(n).containsKeys("key-0", "key-49");
        // Each key's count is binomial(draws, 1/n): 5 standard deviations either side.
        double mean = (double) draws / n, sd = Math.sqrt(draws * (1.0 / n) * (1 - 1.0 / n));
        assertThat(counts.values()).allSatisfy(c -> assertThat((double) c).isBetween(mean - 5 * sd, mean + 5 * sd));
    }

    @Test
    void zipfKeysMakeKeyZeroTheHottestInTheDeclaredShare() {
        Distribution zipf = Distribution.parse("zipf:1000:1.1");
        KeyGenerator keys = new KeyGenerator(Payloads.drawnKeys(KeyStrategy.ZIPF, zipf, 7));
        int draws = 200_000;
        Map<String, Integer> counts = new HashMap<>();
        for (long p = 0; p < draws; p++) counts.merge(text(keys.key(p)), 1, Integer::sum);

        double h = Distribution.harmonic(1000, 1.1);
        for (int rank = 1; rank <= 3; rank++) {
            double share = Math.pow(rank, -1.1) / h;
            double sd = Math.sqrt(draws * share * (1 - share));
            assertThat((double) counts.get("key-" + (rank - 1)))
                    .as("key-%d", rank - 1)
                    .isBetween(draws * share - 5 * sd, draws * share + 5 * sd);
        }
        assertThat(counts.keySet())
                .allSatisfy(k -> assertThat(Integer.parseInt(k.substring(4))).isBetween(0, 999));
    }

    @Test
    void drawnKeysDependOnTheRecordNotOnTheThread() {
        Distribution zipf = Distribution.parse("zipf:1000:1.1");
        KeyGenerator a = new KeyGenerator(Payloads.drawnKeys(KeyStrategy.ZIPF, zipf, 7));
        KeyGenerator b = new KeyGenerator(Payloads.drawnKeys(KeyStrategy.ZIPF, zipf, 7));
        for (long p = 0; p < 100; p++) b.key(p * 3 + 1); // another thread's history

        for (long p = 500; p < 600; p++) assertThat(text(a.key(p))).isEqualTo(text(b.key(p)));
    }

    @Test
    void noneGivesNoKey() {
        KeyGenerator keys = new KeyGenerator(Payloads.keys(KeyStrategy.NONE, 10, 1));

        assertThat(keys.key(0)).isNull();
        assertThat(keys.key(12_345)).isNull();
    }

    @Test
    void resourceIdKeysEqualTheValuesResourceId() {
        int cardinality = 37;
        KeyGenerator keys = new KeyGenerator(Payloads.keys(KeyStrategy.RESOURCE_ID, cardinality, 1));
        SeedLogGenerator values =
                new SeedLogGenerator(Payloads.keys(KeyStrategy.RESOURCE_ID, cardinality, 1), () -> 0L);

        for (long position = 0; position < 1_000; position++) {
            assertThat(text(keys.key(position)))
                    .isEqualTo(SeedRecord.parse(values.value(position)).resourceId());
        }
    }

    @Test
    void randomKeysAreSixteenHexCharacters() {
        KeyGenerator keys = new KeyGenerator(Payloads.keys(KeyStrategy.RANDOM, 10, 1));

        Set<String> seen = new HashSet<>();
        for (long position = 0; position < 10_000; position++) {
            String key = text(keys.key(position));
            assertThat(key).matches("[0-9a-f]{16}");
            seen.add(key);
        }
        assertThat(seen).as("64 random bits per key: no repeats in 10,000").hasSize(10_000);
    }

    @Test
    void randomKeysAreDeterministicForASeedAndPosition() {
        KeyGenerator a = new KeyGenerator(Payloads.keys(KeyStrategy.RANDOM, 10, 7));
        KeyGenerator b = new KeyGenerator(Payloads.keys(KeyStrategy.RANDOM, 10, 7));
        KeyGenerator otherSeed = new KeyGenerator(Payloads.keys(KeyStrategy.RANDOM, 10, 8));

        for (long position = 500; position >= 0; position--) {
            assertThat(text(b.key(position))).isEqualTo(text(a.key(position)));
            assertThat(text(otherSeed.key(position))).isNotEqualTo(text(a.key(position)));
        }
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.US_ASCII);
    }
}
