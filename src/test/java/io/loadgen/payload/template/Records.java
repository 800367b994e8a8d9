package io.loadgen.payload.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Helpers of the template tests: records of a template with a fixed clock, and shares within standard errors. */
final class Records {

    static final Instant NOW = Instant.parse("2026-12-02T08:30:01.123456789Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano();
    static final LongSupplier CLOCK = () -> NOW_NANOS;
    static final long SEED = 42;
    /** Standard errors a statistic may stray: a correct template fails about once in a few million runs. */
    static final double SE = 5;

    private Records() {}

    static List<String> make(Template template, int count) {
        TemplateGenerator g = new TemplateGenerator(template, SEED, 0, CLOCK);
        List<String> out = new ArrayList<>(count);
        for (int p = 0; p < count; p++) out.add(new String(g.value(p), StandardCharsets.UTF_8));
        return out;
    }

    static List<String> make(String text, int count) {
        return make(Template.compile(text, "test.log", false), count);
    }

    static List<String> makeJson(String text, int count) {
        return make(Template.compile(text, "test.json", true), count);
    }

    static String one(String text) {
        return make(text, 1).get(0);
    }

    /** {@code count} of {@code n} is a share p, within 5 standard errors of a binomial count. */
    static void assertShare(String what, long count, long n, double p) {
        assertThat((double) count / n)
                .as(what + ": " + count + " of " + n)
                .isCloseTo(p, within(SE * Math.sqrt(p * (1 - p) / n)));
    }

    /** The mean of the values is {@code mean}, within 5 standard errors ({@code sd / sqrt(n)}). */
    static void assertMean(String what, double[] values, double mean, double sd) {
        double sum = 0;
        for (double v : values) sum += v;
        assertThat(sum / values.length).as(what).isCloseTo(mean, within(SE * sd / Math.sqrt(values.length)));
    }
}
