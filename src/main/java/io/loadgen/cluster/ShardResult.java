package io.loadgen.cluster;

import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.RunResult;
import io.loadgen.watch.GroupReport;
import java.util.List;

/**
 * One shard's result as published to the results topic: which shard, the range of record positions (Message
 * numbers) it was assigned, and what it achieved.
 *
 * @param firstPosition first Message number of the shard's range
 * @param positions     how many positions the range holds ({@code Long.MAX_VALUE} when only a duration bounds it)
 * @param groups        the consumer groups it watched: lag is a figure of the whole topic, so shard 0 watches for the
 *                      fleet and the other shards carry none
 */
public record ShardResult(
        ShardSpec shard, long firstPosition, long positions, RunResult result, List<GroupReport> groups) {

    public ShardResult {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** A shard that watched no consumer group. */
    public ShardResult(ShardSpec shard, long firstPosition, long positions, RunResult result) {
        this(shard, firstPosition, positions, result, List.of());
    }
}
