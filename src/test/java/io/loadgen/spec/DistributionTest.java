package io.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class DistributionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1024 | CONSTANT | 1024 | 0",
                "2.5 | CONSTANT | 2.5 | 0",
                "-3 | CONSTANT | -3 | 0",
                "200..4000 | RANGE | 200 | 4000",
                "-5..-1 | RANGE | -5 | -1",
                "7..7 | RANGE | 7 | 7",
                "uniform:0.5:2 | UNIFORM | 0.5 | 2",
                "normal:100:30 | NORMAL | 100 | 30",
                "normal:100:0 | NORMAL | 100 | 0",
                "lognormal:0.25:0.8 | LOGNORMAL | 0.25 | 0.8",
                "zipf:1000:1.1 | ZIPF | 1000 | 1.1",
                "zipf:1:0.5 | ZIPF | 1 | 0.5",
            })
    void parsesEachForm(String text, Distribution.Kind kind, double first, double second) {
        Distribution d = Distribution.parse(text);

        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.first()).isEqualTo(first);
        assertThat(d.second()).isEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "1024",
                "2.5",
                "200..4000",
                "-5..5",
                "uniform:0.5:2",
                "uniform:1:10",
                "normal:100:30",
                "lognormal:120:0.6",
                "lognormal:0.25:0.8",
                "zipf:1000:1.1",
                "zipf:50:2"
            })
    void theCanonicalTextIsTheTextAndReadsBackEqual(String text) {
        Distribution d = Distribution.parse(text);

        assertThat(d).hasToString(text);
        assertThat(Distribution.parse(d.toString())).isEqualTo(d);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {"100.0 | 100", " 5..6 | 5..6", "uniform:1.50:2.0 | uniform:1.5:2", "normal:1e3:10 | normal:1000:10"
            })
    void otherSpellingsBecomeTheCanonicalOne(String text, String canonical) {
        assertThat(Distribution.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "lognormal:5",
                "gauss:1:2",
                "1..",
                "..5",
                "a..b",
                "1.5..3",
                "uniform:1",
                "normal:a:1",
                "NaN",
                "Infinity",
                "zipf:10",
                "1,000"
            })
    void whatIsNotADistributionGetsTheListOfFormsAndTheTextFound(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Distribution.parse(text))
                .withMessage("expected N, A..B, uniform:A:B, normal:MEAN:SD, lognormal:MEAN:SIGMA or zipf:N:S; got '"
                        + text + "'");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "5..1 | A..B needs A <= B; got '5..1'",
                "uniform:3:2 | uniform:A:B needs A <= B; got 'uniform:3:2'",
                "normal:100:-1 | normal:MEAN:SD needs SD >= 0; got 'normal:100:-1'",
                "lognormal:0:1 | lognormal:MEAN:SIGMA needs MEAN > 0; got 'lognormal:0:1'",
                "lognormal:-4:1 | lognormal:MEAN:SIGMA needs MEAN > 0; got 'lognormal:-4:1'",
                "lognormal:5:-1 | lognormal:MEAN:SIGMA needs SIGMA >= 0; got 'lognormal:5:-1'",
                "zipf:0:1 | zipf:N:S needs N from 1 to 2147483647; got 'zipf:0:1'",
                "zipf:10:0 | zipf:N:S needs S > 0; got 'zipf:10:0'",
                "zipf:10.5:1 | zipf N must be a whole number of ranks; got 'zipf:10.5:1'",
            })
    void whatIsOutOfRangeSaysWhichRuleAndTheTextFound(String text, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Distribution.parse(text))
                .withMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theMeanOfEachForm() {
        assertThat(Distribution.parse("1024").mean()).isEqualTo(1024);
        assertThat(Distribution.parse("200..4000").mean()).isEqualTo(2100);
        assertThat(Distribution.parse("uniform:0:1").mean()).isEqualTo(0.5);
        assertThat(Distribution.parse("normal:100:30").mean()).isEqualTo(100);
        assertThat(Distribution.parse("lognormal:120:0.6").mean()).isEqualTo(120);
        // zipf:3:1: P = (1, 1/2, 1/3) / (11/6), mean = 3 / (11/6)
        assertThat(Distribution.parse("zipf:3:1").mean()).isCloseTo(18.0 / 11, within(1e-12));
    }

    @Test
    void theZipfMeanOfManyRanksIsEstimatedAsCloseAsItIsSummed() {
        long n = 3_000_000;
        double s = 1.1;
        double numerator = 0;
        double denominator = 0;
        for (long k = n; k >= 1; k--) {
            numerator += Math.pow(k, 1 - s);
            denominator += Math.pow(k, -s);
        }

        assertThat(Distribution.parse("zipf:" + n + ":" + s).mean())
                .isCloseTo(numerator / denominator, within(1e-9 * numerator / denominator));
    }

    @Test
    void integralWhenEveryDrawIsAWholeNumber() {
        assertThat(Distribution.parse("5").integral()).isTrue();
        assertThat(Distribution.parse("5.5").integral()).isFalse();
        assertThat(Distribution.parse("1..9").integral()).isTrue();
        assertThat(Distribution.parse("zipf:9:1").integral()).isTrue();
        assertThat(Distribution.parse("uniform:1:9").integral()).isFalse();
        assertThat(Distribution.parse("normal:1:9").integral()).isFalse();
    }

    @Test
    void lowestAndHighestBoundTheDraws() {
        assertThat(Distribution.parse("2..9").lowest()).isEqualTo(2);
        assertThat(Distribution.parse("2..9").highest()).isEqualTo(9);
        assertThat(Distribution.parse("lognormal:5:1").lowest()).isZero();
        assertThat(Distribution.parse("normal:5:1").lowest()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Distribution.parse("zipf:40:1").highest()).isEqualTo(40);
    }
}
