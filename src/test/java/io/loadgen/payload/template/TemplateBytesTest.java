package io.loadgen.payload.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The number and hex writers of {@link Bytes} against the JDK's own formatting. */
@Timeout(30)
class TemplateBytesTest {

    private static String text(Bytes b) {
        return new String(b.array, 0, b.length, StandardCharsets.US_ASCII);
    }

    @Test
    void integersAsTheJdkWritesThem() {
        SplittableRandom random = new SplittableRandom(1);
        long[] edges = {0, 1, 9, 10, 99, 100, 101, 999_999_999, 1_000_000_000, Long.MAX_VALUE, Long.MIN_VALUE, -1, -10};
        Bytes b = new Bytes(1);
        for (long v : edges) {
            b.clear();
            b.putLong(v);
            assertThat(text(b)).isEqualTo(Long.toString(v));
        }
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            b.clear();
            b.putLong(v);
            assertThat(text(b)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void fixedWidthDigitsArePadded() {
        Bytes b = new Bytes(1);
        b.putFixed(7, 3);
        b.putFixed(123456789, 9);
        b.putFixed(42, 1);
        assertThat(text(b)).isEqualTo("007123456789" + "2");
    }

    @Test
    void decimalsAsBigDecimalWritesThem() {
        SplittableRandom random = new SplittableRandom(2);
        Bytes b = new Bytes(1);
        for (int i = 0; i < 100_000; i++) {
            int digits = random.nextInt(10);
            long scaled = random.nextLong() >> random.nextInt(1, 64);
            b.clear();
            b.putDecimal(scaled, digits);
            assertThat(text(b))
                    .isEqualTo(BigDecimal.valueOf(scaled, digits)
                            .setScale(digits, RoundingMode.UNNECESSARY)
                            .toPlainString());
        }
    }

    @Test
    void hexOfEveryWidthAsTheJdkWritesIt() {
        SplittableRandom random = new SplittableRandom(3);
        Bytes b = new Bytes(1);
        for (int i = 0; i < 20_000; i++) {
            long v = random.nextLong();
            int chars = random.nextInt(1, 17);
            b.clear();
            b.putHex(v, chars);
            String full = String.format("%016x", v);
            assertThat(text(b)).isEqualTo(full.substring(16 - chars));
        }
    }

    @Test
    void uuidLayoutAsTheJdkWritesIt() {
        SplittableRandom random = new SplittableRandom(4);
        Bytes b = new Bytes(1);
        for (int i = 0; i < 20_000; i++) {
            long hi = random.nextLong();
            long lo = random.nextLong();
            b.clear();
            b.putUuid(hi, lo);
            assertThat(text(b)).isEqualTo(new java.util.UUID(hi, lo).toString());
        }
    }

    @Test
    void packedWordsWriteTheirBytesOnly() {
        Bytes b = new Bytes(1);
        byte[] hello = " configuration".getBytes(StandardCharsets.US_ASCII);
        b.putPacked(Bytes.pack(hello, 0), Bytes.pack(hello, 1), hello.length);
        byte[] ok = " ok".getBytes(StandardCharsets.US_ASCII);
        b.putPacked(Bytes.pack(ok, 0), Bytes.pack(ok, 1), ok.length);
        b.put('.');
        assertThat(text(b)).isEqualTo(" configuration ok.");
    }
}
