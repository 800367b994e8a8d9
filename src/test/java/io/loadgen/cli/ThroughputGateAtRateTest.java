package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --rate 10k --min-throughput 10k} reads as "the cluster keeps up", but a paced run's throughput comes out
 * within a hair of its rate, either side (the window closes with the last batch's acknowledgement), so that gate is a
 * coin's toss, and one well above the rate cannot pass. The run says so before it starts; a gate below the rate, or a
 * rate that is not constant, gets no warning.
 */
class ThroughputGateAtRateTest {

    private static String warning(String... args) {
        return SpecAssembler.throughputGateAtRate(OptionsFixture.noEnv().parse(args));
    }

    @Test
    void aGateAtOrAboveAConstantRateIsWarnedOf() {
        assertThat(warning("--rate", "10k", "--min-throughput", "10k"))
                .isEqualTo("warning: --min-throughput 10,000 records/s is not below --rate 10,000 records/s: a paced"
                        + " run's throughput comes out within a hair of its rate, either side, so this gate may fail"
                        + " even when the cluster keeps up; set it a little lower");
        assertThat(warning("--rate", "10k", "--min-throughput", "10.05k"))
                .startsWith("warning: --min-throughput"
                        + " 10,050 records/s is not below --rate 10,000 records/s: a paced run's throughput comes out");
        assertThat(warning("--rate", "10k", "--min-throughput", "12k"))
                .isEqualTo("warning: --min-throughput 12,000 records/s is above --rate 10,000 records/s, the most a"
                        + " paced run sends: this gate cannot pass");
    }

    @Test
    void aGateBelowTheRateAnUnpacedRunOrAShapedRateGetNone() {
        assertThat(warning("--rate", "10k", "--min-throughput", "9.9k")).isNull();
        assertThat(warning("--min-throughput", "10k")).isNull();
        assertThat(warning("--rate", "10k")).isNull();
        assertThat(warning("--ramp", "1k:10k:10s", "--min-throughput", "10k")).isNull();
    }
}
