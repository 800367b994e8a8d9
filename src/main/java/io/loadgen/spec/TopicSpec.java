package io.loadgen.spec;

import java.util.Objects;

/**
 * The topic under load, and whether and how the engine creates it when it is absent.
 *
 * @param name              where records go
 * @param create            whether the engine creates the topic when it is absent
 * @param partitions        partitions of a topic the engine creates
 * @param replicationFactor replication factor of a topic the engine creates
 */
public record TopicSpec(String name, boolean create, int partitions, short replicationFactor) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
    }
}
