package io.loadgen.cli;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this process takes part in a fleet of shards, from the scale-out options, checked once by
 * {@link SpecAssembler#fleet}: whether it waits at the start barrier and for how long, the topics that carry the
 * barrier and the results, whether it publishes its result, whether (as shard 0) it prints the fleet report.
 */
record FleetPlan(
        boolean barrier,
        Duration barrierTimeout,
        String controlTopic,
        String resultsTopic,
        boolean publishResult,
        boolean fleetReport,
        Duration collectTimeout,
        Path resultFile) {}
