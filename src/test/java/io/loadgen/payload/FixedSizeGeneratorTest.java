package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class FixedSizeGeneratorTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 100, 200, 1_024, 100_000})
    void valuesHaveExactlyTheSizeAndOnlyCapitalLetters(int size) {
        FixedSizeGenerator generator = new FixedSizeGenerator(Payloads.fixed(size, 1));

        for (long position = 0; position < 200; position++) {
            byte[] value = generator.value(position);
            assertThat(value).hasSize(size);
            for (byte b : value) assertThat((char) b).isBetween('A', 'Z');
        }
    }

    @Test
    void consecutiveRecordsDiffer() {
        FixedSizeGenerator generator = new FixedSizeGenerator(Payloads.fixed(200, 1));

        byte[] previous = generator.value(0).clone();
        for (long position = 1; position < 1_000; position++) {
            byte[] value = generator.value(position).clone();
            assertThat(value).as("position %d", position).isNotEqualTo(previous);
            previous = value;
        }
    }

    @Test
    void theSameSeedAndPositionGiveTheSameValue() {
        FixedSizeGenerator a = new FixedSizeGenerator(Payloads.fixed(200, 5));
        FixedSizeGenerator b = new FixedSizeGenerator(Payloads.fixed(200, 5));

        for (long position = 99; position >= 0; position--) {
            assertThat(b.value(position).clone()).isEqualTo(a.value(position).clone());
        }
    }
}
