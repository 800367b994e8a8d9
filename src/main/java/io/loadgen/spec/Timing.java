package io.loadgen.spec;

import java.time.Duration;

/**
 * The run's clocks that are not about the load itself: how often it reports and how long it waits on the cluster.
 *
 * @param reportInterval time between progress reports
 * @param connectTimeout how long to wait for the cluster before giving up
 * @param stopTimeout    how long to wait for records in flight when stopping early
 */
public record Timing(Duration reportInterval, Duration connectTimeout, Duration stopTimeout) {}
