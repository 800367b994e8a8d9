package io.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "5m, PT5M",
        "1h, PT1H",
        "2d, PT48H",
        "1h30m, PT1H30M",
        "1m30s, PT1M30S",
        "1.5s, PT1.5S",
        "0.25h, PT15M",
        "PT30S, PT30S",
        "pt1m, PT1M",
        " 30S , PT30S",
        "0, PT0S"
    })
    void parsesWhatUsersType(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} prints as {0}")
    @CsvSource({
        "0s, PT0S",
        "250ms, PT0.25S",
        "1s, PT1S",
        "1.5s, PT1.5S",
        "1.25s, PT1.25S",
        "1m30s, PT1M30S",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "1h5s, PT1H5S",
        "25h, PT25H"
    })
    void printsTheShortestFormAndReadsItBack(String text, Duration duration) {
        assertThat(Durations.format(duration)).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(duration);
    }

    @ParameterizedTest(name = "parse(format({0}))")
    @ValueSource(longs = {0, 1, 999, 1_000, 1_001, 59_999, 60_000, 3_599_999, 3_600_000, 86_400_000, 90_061_001})
    void roundTripsEveryWholeMillisecond(long millis) {
        Duration d = Duration.ofMillis(millis);

        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "30", "5 minutes", "-5s", "5x", "s", "1h-30m", "P", "PT", "PTXS", "1,5s"})
    void refusesAnythingElseSayingWhatIsAccepted(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessageContaining("'" + text + "' is not a duration")
                .withMessageContaining("500ms, 30s, 5m, 1h");
    }
}
