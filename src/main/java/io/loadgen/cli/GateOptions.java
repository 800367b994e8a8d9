package io.loadgen.cli;

import picocli.CommandLine.Option;

/** The SLO gates, shared by 'run' (one process) and 'report' (the fleet). A missed gate exits 3. */
public class GateOptions {

    @Option(
            names = "--max-error-rate",
            paramLabel = "FRACTION|PERCENT",
            order = 50,
            description = "Fail (exit 3) if more than this share of the measured records failed: 0.001 or 0.1%%. "
                    + "Failures within it do not fail the run.")
    String maxErrorRate;

    @Option(
            names = "--min-throughput",
            paramLabel = "RECORDS/S",
            order = 51,
            converter = Converters.Rate.class,
            description =
                    "Fail (exit 3) if fewer acknowledged records/s than this were achieved over the measured window.")
    Double minThroughput;

    @Option(
            names = "--max-p99-latency",
            paramLabel = "TIME",
            order = 52,
            description =
                    "Fail (exit 3) if the p99 latency is above this (50ms, 500us): latency from the intended send "
                            + "time when paced, send→ack otherwise.")
    String maxP99Latency;

    @Option(
            names = "--max-p999-latency",
            paramLabel = "TIME",
            order = 53,
            description = "Fail (exit 3) if the p99.9 latency is above this; same latency as --max-p99-latency.")
    String maxP999Latency;
}
