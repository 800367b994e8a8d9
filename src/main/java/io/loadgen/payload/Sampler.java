package io.loadgen.payload;

import io.loadgen.spec.Distribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.LongSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.UniformLongSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Draws numbers of a {@link Distribution} from a random source, optionally clamped to [min, max] (a draw beyond a
 * bound becomes the bound). Built once per thread with the thread's {@link RecordRandom}; a draw allocates nothing.
 *
 * <p>Integer draws ({@link #nextLong()}) of a range, a zipf or a uniform with whole bounds are uniform over the
 * integers themselves; of the others they are the continuous draw rounded to the nearest integer.
 */
public final class Sampler {

    private final UniformRandomProvider rng;
    /**
     * For integer ranges of fewer than 2^31 values: their size, drawn with {@link UniformRandomProvider#nextInt(int)}
     * (Lemire's method: a multiplication, a division only on rare rejections). commons-rng's long sampler divides on
     * every draw, which costs more than the rest of a small template placeholder. 0 when not used.
     */
    private final int span;

    private final long low;
    private final Distribution.Kind kind;
    private final double constant;
    private final ContinuousSampler continuous;
    private final LongSampler integers;
    private final DiscreteSampler ranks;
    private final double min;
    private final double max;
    private final long minLong;
    private final long maxLong;

    public Sampler(Distribution distribution, UniformRandomProvider rng) {
        this(distribution, rng, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param min the smallest value returned ({@code -Infinity}: none)
     * @param max the largest value returned ({@code +Infinity}: none)
     */
    public Sampler(Distribution distribution, UniformRandomProvider rng, double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("expected min <= max; got min=" + min + " max=" + max);
        }
        double a = distribution.first();
        double b = distribution.second();
        Distribution.Kind k = distribution.kind();
        ContinuousSampler c = null;
        LongSampler i = null;
        DiscreteSampler r = null;
        // A zero spread is a constant: the commons-rng samplers reject it, and a constant needs no randomness.
        if ((k == Distribution.Kind.NORMAL || k == Distribution.Kind.LOGNORMAL) && b == 0) {
            k = Distribution.Kind.CONSTANT;
        }
        switch (k) {
            case CONSTANT -> {}
            case RANGE -> i = UniformLongSampler.of(rng, (long) a, (long) b);
            case UNIFORM -> {
                c = a == b ? () -> a : ContinuousUniformSampler.of(rng, a, b);
                if (Math.ceil(a) <= Math.floor(b))
                    i = UniformLongSampler.of(rng, (long) Math.ceil(a), (long) Math.floor(b));
            }
            case NORMAL -> c = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), a, b);
            case LOGNORMAL ->
                c = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), distribution.logMean(), b);
            case ZIPF -> r = RejectionInversionZipfSampler.of(rng, (int) a, b);
        }
        long lo = 0;
        long size = 0;
        if (k == Distribution.Kind.RANGE) {
            lo = (long) a;
            size = (long) b - (long) a + 1;
        } else if (k == Distribution.Kind.UNIFORM && i != null) {
            lo = (long) Math.ceil(a);
            size = (long) Math.floor(b) - lo + 1;
        }
        this.rng = rng;
        this.low = lo;
        this.span = size > 0 && size <= Integer.MAX_VALUE ? (int) size : 0;
        this.kind = k;
        this.constant = a;
        this.continuous = c;
        this.integers = i;
        this.ranks = r;
        this.min = min;
        this.max = max;
        this.minLong = min == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) Math.ceil(min);
        this.maxLong = max == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(max);
    }

    /**
     * A draw rounded to the nearest integer, within [min, max]. Meant for bounds with a whole number between them (a
     * caller drawing integers checks that; min=0.2 max=0.8 suits {@link #nextDouble()} only, and here gives
     * ceil(min)); and for draws within a long, exact up to 2^53 (beyond, a double's draw is rounded and saturates).
     */
    public long nextLong() {
        long v = switch (kind) {
            case CONSTANT -> Math.round(constant);
            case RANGE -> span != 0 ? low + rng.nextInt(span) : integers.sample();
            case UNIFORM ->
                span != 0
                        ? low + rng.nextInt(span)
                        : integers != null ? integers.sample() : Math.round(continuous.sample());
            case NORMAL, LOGNORMAL -> Math.round(continuous.sample());
            case ZIPF -> ranks.sample();
        };
        return Math.max(minLong, Math.min(maxLong, v));
    }

    /** A draw within [min, max]. */
    public double nextDouble() {
        double v = switch (kind) {
            case CONSTANT -> constant;
            case RANGE -> span != 0 ? low + rng.nextInt(span) : integers.sample();
            case UNIFORM, NORMAL, LOGNORMAL -> continuous.sample();
            case ZIPF -> ranks.sample();
        };
        return Math.max(min, Math.min(max, v));
    }
}
