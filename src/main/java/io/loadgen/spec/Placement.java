package io.loadgen.spec;

/**
 * This process's place in a fleet and where its records start, so shards of one run send disjoint records.
 *
 * @param shard         this process's place in a scaled-out run ({@link ShardSpec#SINGLE} when alone); its index
 *                      labels the metrics
 * @param firstPosition the first record position (Message number) of this shard's range; 0 when alone
 */
public record Placement(ShardSpec shard, long firstPosition) {

    /** A process alone: the only shard, numbering its records from 0. */
    public static final Placement SINGLE = new Placement(ShardSpec.SINGLE, 0);

    public Placement {
        shard = shard == null ? ShardSpec.SINGLE : shard;
    }
}
