package io.loadgen.tune;

import io.loadgen.engine.RunFailedException;
import io.loadgen.engine.TopicPreparer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The cluster as the tune sees it: checked once before the first trial (so an unreachable broker costs one connect
 * timeout, not one per trial), and each trial's own topic deleted after it, so trials do not disturb each other and
 * a tune leaves nothing behind.
 */
public final class TrialTopics implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    private TrialTopics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param settings the producer settings (connection and security ones are used)
     * @throws RunFailedException with one line naming the address and the timeout when the cluster does not answer
     */
    public static TrialTopics connect(Map<String, String> settings, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG))
                config.put(k, v);
        });
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "loadgen-tune-admin");
        return new TrialTopics(Admin.create(config), timeout);
    }

    /** The number of brokers; also the check that the cluster answers. */
    public int brokers(String bootstrap) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new RunFailedException(
                    "cannot reach Kafka at " + bootstrap + " within " + timeout.toMillis() / 1000.0
                            + " s (--connect-timeout): " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null
                                    ? ""
                                    : ": "
                                            + cause.getMessage()
                                                    .lines()
                                                    .findFirst()
                                                    .orElse("")),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while connecting to Kafka", e);
        }
    }

    /**
     * Creates a trial's topic and waits (bounded by the connect timeout) until every partition has a leader
     * ({@link TopicPreparer#awaitLeaders}: sending to a topic the broker is still setting up can strand batches).
     */
    public void create(String topic, int partitions, short replicationFactor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            TopicPreparer.createAndAwaitLeaders(admin, new NewTopic(topic, partitions, replicationFactor), deadline);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new RunFailedException(
                    "cannot create trial topic '" + topic + "': "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null
                                    ? ""
                                    : ": "
                                            + cause.getMessage()
                                                    .lines()
                                                    .findFirst()
                                                    .orElse("")),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while creating trial topic '" + topic + "'", e);
        }
    }

    /** Deletes a trial's topic; a failure is returned as a line for the user, not thrown: the tune goes on. */
    public String delete(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UnknownTopicOrPartitionException) return null;
            return "could not delete trial topic '" + topic + "': "
                    + cause.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while deleting trial topic '" + topic + "'";
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
