package io.loadgen.cluster;

import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.RunResult;

/**
 * One shard's result as published to the results topic: which shard, the range of record positions (Message
 * numbers) it was assigned, and what it achieved.
 *
 * @param firstPosition first Message number of the shard's range
 * @param positions     how many positions the range holds ({@code Long.MAX_VALUE} when only a duration bounds it)
 */
public record ShardResult(ShardSpec shard, long firstPosition, long positions, RunResult result) {}
