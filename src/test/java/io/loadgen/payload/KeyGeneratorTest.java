package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.KeyStrategy;
import io.loadgen.testing.SeedRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KeyGeneratorTest {

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
