package io.loadgen.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The consumer groups downstream of the topic that a run watches while it loads it, and the limits their lag must
 * meet. The engine ignores this part: the watch runs beside it, on its own thread and client.
 *
 * @param groups         group ids, in the order given; empty when nothing is watched
 * @param drainTimeout   after the last send, how long to wait for every group's lag to reach 0
 * @param maxLagRecords  gate: the most records a group may lag behind at any reading, or null
 * @param maxLagTime     gate: the oldest a group's oldest unconsumed record may be at any reading, or null
 * @param maxDrainTime   gate: the longest a group may take after the last send to reach a lag of 0, or null
 */
public record GroupWatch(
        List<String> groups, Duration drainTimeout, Long maxLagRecords, Duration maxLagTime, Duration maxDrainTime) {

    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    public static final GroupWatch NONE = new GroupWatch(List.of(), DEFAULT_DRAIN_TIMEOUT, null, null, null);

    public GroupWatch {
        groups = List.copyOf(groups);
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    public boolean any() {
        return !groups.isEmpty();
    }

    public boolean hasGates() {
        return maxLagRecords != null || maxLagTime != null || maxDrainTime != null;
    }
}
