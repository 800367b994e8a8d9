package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void writesWhatStringValueOfWrites() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {
            0,
            9,
            10,
            99,
            100,
            999_999_999,
            1_000_000_000,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L,
            9_999_999_999L,
            999_999_999_999_999_999L,
            1_000_000_000_000_000_000L,
            Long.MAX_VALUE
        };
        for (long v : edges) check(v);
        for (int i = 0; i < 100_000; i++) check(random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63));
    }

    @Test
    void fixedWidthPadsWithZerosAndKeepsTheLowDigits() {
        byte[] buf = new byte[11];
        buf[0] = 'x';
        buf[10] = 'y';
        Digits.writeFixed(buf, 1, 9, 1_234);
        assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("x000001234y");
        Digits.writeFixed(buf, 1, 9, 999_999_999);
        assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("x999999999y");
        Digits.writeFixed(buf, 1, 9, 0);
        assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("x000000000y");
        Digits.writeFixed(buf, 1, 3, 12_345_678_901L);
        assertThat(new String(buf, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("901");
    }

    private static void check(long v) {
        String expected = Long.toString(v);
        assertThat(Digits.count(v)).as("count(%d)", v).isEqualTo(expected.length());
        byte[] buf = new byte[expected.length() + 2];
        buf[0] = '[';
        buf[buf.length - 1] = ']';
        Digits.writeEndingAt(buf, buf.length - 1, v);
        assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("[" + expected + "]");
        byte[] fixed = new byte[20];
        Digits.writeFixed(fixed, 0, 20, v);
        assertThat(new String(fixed, StandardCharsets.US_ASCII))
                .isEqualTo("0".repeat(20 - expected.length()) + expected);
    }
}
