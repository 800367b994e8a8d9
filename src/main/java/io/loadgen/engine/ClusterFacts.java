package io.loadgen.engine;

import io.loadgen.stats.RunCard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeFeaturesOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The cluster's part of the run card, read with the topic check's Admin client before the clock starts. Each fact
 * that cannot be read within the time given stays null: the card describes a run, it never stops one.
 *
 * <p>No Kafka API tells a broker's release. What a cluster does tell is its finalized {@code metadata.version} feature
 * (KIP-584, KIP-778): a level that each release supports up to its own latest, chosen when the cluster is formatted
 * and raised by hand after an upgrade ({@code kafka-features.sh upgrade}), so it can lag the brokers' release. It is
 * named here as the broker names it ({@code 4.1-IV1}), or by its level when this table does not know it.
 */
final class ClusterFacts {

    /** The feature whose finalized level a KRaft cluster reports. */
    static final String METADATA_VERSION = "metadata.version";

    /**
     * metadata.version levels and their names, from Kafka's {@code MetadataVersion}, which only the broker's jars
     * carry; {@code ClusterFactsTest} checks this table against the broker jars the tests run, so a Kafka upgrade
     * that adds levels fails there until they are added here.
     */
    private static final String[] NAMES_FROM_LEVEL_7 = {
        "3.3-IV3", "3.4-IV0", "3.5-IV0", "3.5-IV1", "3.5-IV2", "3.6-IV0", "3.6-IV1", "3.6-IV2", "3.7-IV0", "3.7-IV1",
        "3.7-IV2", "3.7-IV3", "3.7-IV4", "3.8-IV0", "3.9-IV0", "4.0-IV0", "4.0-IV1", "4.0-IV2", "4.0-IV3", "4.1-IV0",
        "4.1-IV1", "4.2-IV0", "4.2-IV1"
    };

    private static final int FIRST_LEVEL = 7;

    private ClusterFacts() {}

    /**
     * @param brokers  the brokers describeCluster returned
     * @param known    the topic's description when the check already has it, else null (a topic just created)
     * @param timeoutMs how long each request may take
     */
    static RunCard.Cluster read(Admin admin, int brokers, String topic, TopicDescription known, long timeoutMs) {
        TopicDescription d = known != null ? known : describe(admin, topic, timeoutMs);
        Integer partitions = d == null ? null : d.partitions().size();
        Integer replicas = d == null || d.partitions().isEmpty()
                ? null
                : d.partitions().get(0).replicas().size();
        return new RunCard.Cluster(brokers, brokerVersion(admin, timeoutMs), topic, partitions, replicas);
    }

    /** "metadata.version 4.1-IV1", or null where the cluster does not say (ZooKeeper mode, brokers before 2.7). */
    static String brokerVersion(Admin admin, long timeoutMs) {
        try {
            Map<String, FinalizedVersionRange> finalized = admin.describeFeatures(
                            new DescribeFeaturesOptions().timeoutMs((int) timeoutMs))
                    .featureMetadata()
                    .get(timeoutMs + 1_000, TimeUnit.MILLISECONDS)
                    .finalizedFeatures();
            FinalizedVersionRange level = finalized.get(METADATA_VERSION);
            return level == null ? null : METADATA_VERSION + " " + name(level.maxVersionLevel());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A metadata.version level's name ({@code 4.1-IV1}), or {@code level N} for one this table does not know. */
    static String name(short level) {
        int i = level - FIRST_LEVEL;
        return i >= 0 && i < NAMES_FROM_LEVEL_7.length ? NAMES_FROM_LEVEL_7[i] : "level " + level;
    }

    private static TopicDescription describe(Admin admin, String topic, long timeoutMs) {
        try {
            return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                    .allTopicNames()
                    .get(timeoutMs + 1_000, TimeUnit.MILLISECONDS)
                    .get(topic);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
