package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14: a paced 0.5 records/s was printed as 1; rates below 100/s keep up to two decimals. */
class RateFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "0.5; 0.5",
                "0; 0",
                "1; 1",
                "2.25; 2.25",
                "12.345; 12.35",
                "99.5; 99.5",
                "100.4; 100",
                "2000; 2,000",
                "1234567.8; 1,234,568"
            })
    void ratesBelowAHundredKeepTheirDecimals(double rate, String printed) {
        assertThat(Numbers.rate(rate)).isEqualTo(printed);
    }
}
