package io.loadgen.watch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Offsets through the Admin API: the topic's end offsets and a group's committed ones. No consumer joins the group, so
 * watching it changes nothing for it. A client of its own, built from the run's connection and security settings.
 */
public final class AdminOffsets implements OffsetSource {

    /**
     * The longest one call may take: a reading makes a few calls, and the drain, the baseline before the start barrier
     * and a stop all wait for a reading to end, so none may take the whole --connect-timeout.
     */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> config = new HashMap<>();
    private final String topic;
    private final long timeoutMillis;
    private Admin admin;
    private Map<TopicPartition, OffsetSpec> latest;

    /** Connects at the first reading, so that a bad setting is a line of the watch, not a failure of the run. */
    public AdminOffsets(Map<String, String> settings, String topic, Duration timeout) {
        settings.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals("client.id")) config.put(k, v);
        });
        this.timeoutMillis = Math.min(timeout.toMillis(), CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "loadgen-group-watch");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        this.topic = topic;
    }

    private synchronized Admin admin() {
        if (admin == null) admin = Admin.create(config);
        return admin;
    }

    @Override
    public Map<Integer, Long> endOffsets() {
        try {
            if (latest == null) {
                TopicDescription d = admin().describeTopics(java.util.List.of(topic))
                        .allTopicNames()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS)
                        .get(topic);
                Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
                d.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                latest = specs;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin().listOffsets(latest).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<Integer, Long> out = new HashMap<>();
            ends.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the end offsets of topic '" + topic + "': "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no end offsets of topic '" + topic + "' within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Commits committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<Integer, Long> mine = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) mine.put(tp.partition(), om.offset());
            });
            if (!mine.isEmpty()) return Commits.of(mine);
            return whyNoCommits(group);
        } catch (ExecutionException e) {
            return Commits.unavailable(problem(group, e.getCause()));
        } catch (TimeoutException e) {
            return Commits.unavailable("its offsets did not arrive within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Commits.unavailable("interrupted");
        }
    }

    /**
     * Absent, or present without commits on this topic (not yet, or never): the first cannot be watched, the second is
     * watched from the topic's ends at the start, as if it had committed there.
     */
    private Commits whyNoCommits(String group) {
        try {
            ConsumerGroupDescription d = admin().describeConsumerGroups(java.util.List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (d.groupState() == GroupState.DEAD) {
                return Commits.unavailable("it does not exist (no members, no committed offsets)");
            }
            return Commits.noneYet("it committed no offsets on topic '" + topic + "' (state " + d.groupState() + ", "
                    + d.members().size() + " members)");
        } catch (ExecutionException e) {
            return Commits.unavailable(problem(group, e.getCause()));
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Commits.unavailable("its description did not arrive within " + timeoutMillis + " ms");
        }
    }

    private String problem(String group, Throwable cause) {
        if (cause instanceof GroupAuthorizationException || cause instanceof TopicAuthorizationException) {
            return "not allowed to describe it (" + cause.getMessage() + ")";
        }
        if (cause instanceof GroupIdNotFoundException) return "it does not exist";
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public synchronized void close() {
        if (admin != null) admin.close(Duration.ofSeconds(1));
    }
}
