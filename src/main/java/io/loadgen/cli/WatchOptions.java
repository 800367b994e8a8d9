package io.loadgen.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The consumer groups downstream of the topic, watched while it is loaded, and the gates on their lag. */
public class WatchOptions {

    @Option(
            names = "--watch-group",
            paramLabel = "GROUP",
            order = 45,
            split = ",",
            description = "Watch this consumer group of the topic while loading it (repeatable, or a comma list): its "
                    + "lag in records and in time, its consumed rate, and after the last send how long it takes to "
                    + "drain; the summary says whether it kept up. Read with the Admin API: no consumer joins it.")
    List<String> groups;

    @Option(
            names = "--drain-timeout",
            paramLabel = "TIME",
            order = 46,
            converter = Converters.DurationConverter.class,
            description = "After the last send, wait this long at most for every watched group's lag to reach 0.")
    Duration drainTimeout;

    @Option(
            names = "--max-consumer-lag",
            paramLabel = "N|TIME",
            order = 54,
            description = "Fail (exit 3) if a watched group lagged more than N records (10000, 10k) or its oldest "
                    + "unconsumed record was older than TIME (30s) at any reading.")
    String maxConsumerLag;

    @Option(
            names = "--max-drain-time",
            paramLabel = "TIME",
            order = 55,
            converter = Converters.DurationConverter.class,
            description = "Fail (exit 3) if a watched group took longer than this after the last send to reach a lag "
                    + "of 0 (or did not within --drain-timeout).")
    Duration maxDrainTime;
}
