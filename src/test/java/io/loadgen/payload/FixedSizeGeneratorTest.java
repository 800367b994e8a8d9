package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.Distribution;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
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

    @Test
    void uniformSizesStayWithinTheRangeAndAverageItsMiddle() {
        FixedSizeGenerator generator = new FixedSizeGenerator(Payloads.fixed(Distribution.parse("200..4000"), 3));
        int n = 50_000;
        double sum = 0;
        int smallest = Integer.MAX_VALUE, largest = 0;
        for (long p = 0; p < n; p++) {
            byte[] value = generator.value(p);
            sum += value.length;
            smallest = Math.min(smallest, value.length);
            largest = Math.max(largest, value.length);
            assertThat((char) value[value.length - 1]).isBetween('A', 'Z');
        }
        // Uniform on 200..4000: mean 2100, SD (3801^2-1)/12 under the root; the mean of n within 5 standard errors.
        double se = Math.sqrt((3801.0 * 3801 - 1) / 12 / n);
        assertThat(sum / n).isBetween(2100 - 5 * se, 2100 + 5 * se);
        assertThat(smallest).isBetween(200, 210);
        assertThat(largest).isBetween(3990, 4000);
    }

    @Test
    void logNormalSizesAverageTheGivenMeanWithALongRightTail() {
        FixedSizeGenerator generator =
                new FixedSizeGenerator(Payloads.fixed(Distribution.parse("lognormal:800:0.5"), 3));
        int n = 100_000;
        double sum = 0;
        int[] sizes = new int[n];
        for (int p = 0; p < n; p++) {
            sizes[p] = generator.value(p).length;
            sum += sizes[p];
        }
        // A draw's SD is MEAN * sqrt(exp(SIGMA^2) - 1); the mean of n within 5 standard errors (rounding aside).
        double se = 800 * Math.sqrt(Math.exp(0.25) - 1) / Math.sqrt(n);
        assertThat(sum / n).isBetween(800 - 5 * se - 0.5, 800 + 5 * se + 0.5);
        java.util.Arrays.sort(sizes);
        assertThat(sizes[0]).isPositive();
        assertThat(sizes[n / 2]).as("median below mean: skewed right").isLessThan(800);
        assertThat(sizes[n - 1]).isGreaterThan(2_000);
    }

    @Test
    void drawnKeysAndDrawnSizesAreIndependent() {
        Distribution keys = Distribution.range(0, 99);
        PayloadSpec spec = new PayloadSpec(
                PayloadType.FIXED,
                Distribution.parse("200..4000"),
                null,
                null,
                Payloads.UNIFORM,
                10,
                KeyStrategy.UNIFORM,
                keys,
                3);
        FixedSizeGenerator values = new FixedSizeGenerator(spec);
        KeyGenerator keyGenerator = new KeyGenerator(spec);
        int n = 100_000;
        double sk = 0, ss = 0, skk = 0, sss = 0, sks = 0;
        for (long p = 0; p < n; p++) {
            double k = Integer.parseInt(
                    new String(keyGenerator.key(p), java.nio.charset.StandardCharsets.US_ASCII).substring(4));
            double s = values.value(p).length;
            sk += k;
            ss += s;
            skk += k * k;
            sss += s * s;
            sks += k * s;
        }
        double cov = sks / n - (sk / n) * (ss / n);
        double r = cov / Math.sqrt((skk / n - Math.pow(sk / n, 2)) * (sss / n - Math.pow(ss / n, 2)));
        // Independent: the correlation of n pairs is within a few 1/sqrt(n) of 0 (one stream for both gave about 1).
        assertThat(Math.abs(r)).isLessThan(5 / Math.sqrt(n));
    }

    @Test
    void sizesOfManyLengthsReuseBoundedMemory() {
        LengthKeyedBuffers buffers = new LengthKeyedBuffers();
        for (int length = 0; length < 200_000; length += 7)
            assertThat(buffers.get(length)).hasSize(length);
        assertThat(buffers.slotBytes()).isLessThanOrEqualTo(LengthKeyedBuffers.BUDGET_BYTES);
        assertThat(buffers.get(1_500)).isSameAs(buffers.get(1_500));
    }
}
