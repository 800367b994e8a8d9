package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.loadgen.spec.Distribution;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each distribution's draws, one per record position as a generator makes them, against its mean and variance. The
 * tolerances are 5 standard errors of the estimate (of the mean: sd/sqrt(n); of the variance: sqrt((mu4 - var^2)/n),
 * mu4 the central fourth moment), so a correct sampler fails about once in a few million runs, and a fixed seed
 * makes the run the same each time.
 */
@Timeout(60)
class SamplerTest {

    private static final int DRAWS = 200_000;
    private static final double SE = 5;
    private static final long SEED = 42;

    /** Draws once per position after {@link RecordRandom#reset}, as a record generator does. */
    private static double[] draws(String distribution, boolean integers) {
        RecordRandom random = new RecordRandom(SEED);
        Sampler sampler = new Sampler(Distribution.parse(distribution), random);
        double[] out = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            random.reset(SEED, i);
            out[i] = integers ? sampler.nextLong() : sampler.nextDouble();
        }
        return out;
    }

    /** Sample mean and variance within 5 standard errors of the theory's. */
    private static void assertMoments(double[] x, double mean, double variance, double mu4) {
        double m = 0;
        for (double v : x) m += v;
        m /= x.length;
        double var = 0;
        for (double v : x) var += (v - m) * (v - m);
        var /= x.length - 1;

        assertThat(m).as("mean").isCloseTo(mean, within(SE * Math.sqrt(variance / x.length)));
        assertThat(var)
                .as("variance")
                .isCloseTo(variance, within(SE * Math.sqrt((mu4 - variance * variance) / x.length)));
    }

    @Test
    void normal() {
        double sd = 30;
        assertMoments(draws("normal:100:30", false), 100, sd * sd, 3 * Math.pow(sd, 4));
    }

    @Test
    void normalRoundedToIntegersKeepsItsMean() {
        double[] x = draws("normal:100:30", true);

        for (double v : x) assertThat(v).isEqualTo(Math.rint(v));
        // Rounding adds a uniform error of variance 1/12.
        double variance = 900 + 1.0 / 12;
        assertMoments(x, 100, variance, 3 * variance * variance);
    }

    @Test
    void lognormalHasTheArithmeticMeanGivenAndSigmaOfItsLogarithm() {
        double mean = 120;
        double sigma = 0.6;
        double[] x = draws("lognormal:120:0.6", false);

        double mu = Math.log(mean) - sigma * sigma / 2;
        // Raw moments E[X^k] = exp(k mu + k^2 sigma^2 / 2), then the central ones.
        double m1 = raw(mu, sigma, 1);
        double m2 = raw(mu, sigma, 2);
        double m3 = raw(mu, sigma, 3);
        double m4 = raw(mu, sigma, 4);
        double variance = m2 - m1 * m1;
        double mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * Math.pow(m1, 4);
        assertMoments(x, mean, variance, mu4);

        double[] logs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isPositive();
            logs[i] = Math.log(x[i]);
        }
        assertMoments(logs, mu, sigma * sigma, 3 * Math.pow(sigma, 4));
    }

    private static double raw(double mu, double sigma, int k) {
        return Math.exp(k * mu + k * k * sigma * sigma / 2);
    }

    @Test
    void continuousUniform() {
        double width = 1.5;
        double[] x = draws("uniform:0.5:2", false);

        for (double v : x) assertThat(v).isBetween(0.5, 2.0);
        assertMoments(x, 1.25, width * width / 12, Math.pow(width, 4) / 80);
    }

    @Test
    void rangeIsUniformOverItsIntegersBothEndsIncluded() {
        assertDiscreteUniform(draws("200..4000", true), 200, 4000);
        assertDiscreteUniform(draws("200..4000", false), 200, 4000);
    }

    @Test
    void uniformWithWholeBoundsDrawsIntegersLikeARange() {
        assertDiscreteUniform(draws("uniform:1:6", true), 1, 6);
    }

    private static void assertDiscreteUniform(double[] x, long a, long b) {
        double n = b - a + 1;
        boolean sawA = false;
        boolean sawB = false;
        for (double v : x) {
            assertThat(v).isBetween((double) a, (double) b).isEqualTo(Math.rint(v));
            sawA |= v == a;
            sawB |= v == b;
        }
        assertThat(sawA && sawB).as("both ends drawn").isTrue();
        assertMoments(x, (a + b) / 2.0, (n * n - 1) / 12, (n * n - 1) * (3 * n * n - 7) / 240);
    }

    @Test
    void zipfRanksOneAndTwoAtTheirShareAndTheMoments() {
        int n = 100;
        double s = 1.1;
        double[] x = draws("zipf:" + n + ":" + s, true);

        double h = 0;
        for (int k = n; k >= 1; k--) h += Math.pow(k, -s);
        int ones = 0;
        int twos = 0;
        for (double v : x) {
            assertThat(v).isBetween(1.0, (double) n).isEqualTo(Math.rint(v));
            if (v == 1) ones++;
            if (v == 2) twos++;
        }
        assertShare(ones, 1 / h);
        assertShare(twos, Math.pow(2, -s) / h);

        double[] raw = new double[5];
        for (int k = 1; k <= n; k++) {
            double p = Math.pow(k, -s) / h;
            for (int j = 1; j <= 4; j++) raw[j] += p * Math.pow(k, j);
        }
        double variance = raw[2] - raw[1] * raw[1];
        double mu4 = raw[4] - 4 * raw[3] * raw[1] + 6 * raw[2] * raw[1] * raw[1] - 3 * Math.pow(raw[1], 4);
        assertMoments(x, raw[1], variance, mu4);
        assertThat(Distribution.parse("zipf:" + n + ":" + s).mean()).isCloseTo(raw[1], within(1e-9));
    }

    private static void assertShare(int count, double p) {
        assertThat((double) count / DRAWS).isCloseTo(p, within(SE * Math.sqrt(p * (1 - p) / DRAWS)));
    }

    @Test
    void aConstantAndAZeroSpreadAreConstants() {
        for (String d : new String[] {"7", "normal:7:0", "lognormal:7:0", "uniform:7:7", "7..7"}) {
            for (double v : draws(d, true)) assertThat(v).as(d).isEqualTo(7);
            for (double v : draws(d, false)) assertThat(v).as(d).isEqualTo(7);
        }
    }

    @Test
    void clampsKeepEveryDrawWithinMinAndMax() {
        RecordRandom random = new RecordRandom(SEED);
        Sampler sampler = new Sampler(Distribution.parse("normal:100:30"), random, 60.5, 140);
        int atMin = 0;
        for (int i = 0; i < DRAWS; i++) {
            random.reset(SEED, i);
            long l = sampler.nextLong();
            double d = sampler.nextDouble();
            assertThat(l).isBetween(61L, 140L);
            assertThat(d).isBetween(60.5, 140.0);
            if (l == 61) atMin++;
        }
        // Everything below the bound lands on it: P(X < 60.5) for normal:100:30 is about 9.4 %.
        assertThat(atMin).isGreaterThan(DRAWS / 20);
    }

    @Test
    void theSameSeedAndPositionGiveTheSameDrawsWhateverCameBefore() {
        Distribution d = Distribution.parse("lognormal:120:0.6");
        RecordRandom a = new RecordRandom(SEED);
        RecordRandom b = new RecordRandom(SEED);
        Sampler sa = new Sampler(d, a);
        Sampler sb = new Sampler(d, b);
        b.reset(SEED, 999);
        for (int i = 0; i < 17; i++) sb.nextDouble(); // b's stream is elsewhere before the reset

        a.reset(SEED, 12345);
        b.reset(SEED, 12345);
        for (int i = 0; i < 10; i++) assertThat(sa.nextDouble()).isEqualTo(sb.nextDouble());

        a.reset(SEED, 12346);
        double next = sa.nextDouble();
        a.reset(SEED + 1, 12345);
        DoubleSupplier otherSeed = sa::nextDouble;
        b.reset(SEED, 12345);
        double first = sb.nextDouble();
        assertThat(next).isNotEqualTo(first);
        assertThat(otherSeed.getAsDouble()).isNotEqualTo(first);
    }
}
