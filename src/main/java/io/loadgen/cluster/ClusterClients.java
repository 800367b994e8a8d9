package io.loadgen.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Small Kafka clients for the fleet's coordination topics (start barrier, results), built from the run's
 * connection and security settings only: the load's tuning (batch size, linger, compression) does not apply.
 */
public final class ClusterClients {

    private ClusterClients() {}

    static Map<String, Object> filtered(Map<String, String> settings, Set<String> known) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (known.contains(k) && !k.equals("client.id")) config.put(k, v);
        });
        return config;
    }

    /**
     * An Admin client's settings whose calls give up within the timeout. Without them a call nobody answers stays
     * pending for the client's 60 s default after our own wait gave up, and closing the client waits for it: an
     * unreachable broker took a minute, whatever timeout the user gave. A KAFKA_REQUEST_TIMEOUT_MS or
     * KAFKA_DEFAULT_API_TIMEOUT_MS is replaced here: the command's own timeout is the one its user chose for it.
     */
    static Map<String, Object> adminConfig(Map<String, String> settings, Duration timeout) {
        Map<String, Object> config = filtered(settings, AdminClientConfig.configNames());
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        return config;
    }

    static KafkaProducer<String, String> producer(Map<String, String> settings, String clientId) {
        Map<String, Object> config = filtered(settings, ProducerConfig.configNames());
        for (String tuning : List.of(
                "batch.size",
                "linger.ms",
                "compression.type",
                "acks",
                "buffer.memory",
                "max.in.flight.requests.per.connection",
                "transactional.id",
                "enable.idempotence")) {
            config.remove(tuning);
        }
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    static KafkaConsumer<String, String> consumer(Map<String, String> settings, String clientId) {
        Map<String, Object> config = filtered(settings, ConsumerConfig.configNames());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading never creates a topic: with the broker's auto.create.topics.enable (on by default), a consumer's
        // metadata request for a missing topic would create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    /**
     * Points the consumer at the start of every partition of the topic.
     *
     * @return the partitions, empty when the topic does not exist
     */
    public static List<TopicPartition> fromStart(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) return List.of();
        List<TopicPartition> tps = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return tps;
    }

    /** Whether the consumer has read every partition up to the given end offsets. */
    public static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Fails unless the topic exists, asking the Admin API, which never creates one (a consumer's metadata request may,
     * where the broker has auto.create.topics.enable).
     *
     * @throws IllegalStateException "topic 'x' does not exist on HOST:PORT", or Kafka did not answer in time
     */
    public static void requireTopic(Map<String, String> settings, String topic, Duration timeout) {
        Map<String, Object> config = adminConfig(settings, timeout);
        String bootstrap = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics()
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(topic)) {
                throw new IllegalStateException("topic '" + topic + "' does not exist on " + bootstrap);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) throw refused;
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException(
                        unreachable(bootstrap, timeout, "looking for topic '" + topic + "'"), e);
            }
            throw new IllegalStateException(
                    "cannot list the topics on " + bootstrap + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(unreachable(bootstrap, timeout, "looking for topic '" + topic + "'"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for topic '" + topic + "'", e);
        }
    }

    private static String unreachable(String bootstrap, Duration timeout, String doing) {
        return "cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + " s while " + doing;
    }

    /** Creates a one-partition coordination topic unless it exists (one partition keeps every shard's messages in order). */
    static void ensureTopic(Map<String, String> settings, String topic, Duration timeout) {
        Map<String, Object> config = adminConfig(settings, timeout);
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics()
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(topic)) return;
            int brokers = admin.describeCluster()
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            admin.createTopics(List.of(new NewTopic(topic, 1, replication)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException(notAnswered(timeout, topic), e);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create topic '" + topic + "': " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(notAnswered(timeout, topic), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topic '" + topic + "'", e);
        }
    }

    /** Our wait or the Admin call's own timeout (the same length, whichever ends first): one message for both. */
    private static String notAnswered(Duration timeout, String topic) {
        return "Kafka did not answer within " + timeout.toSeconds() + " s while preparing topic '" + topic + "'";
    }
}
