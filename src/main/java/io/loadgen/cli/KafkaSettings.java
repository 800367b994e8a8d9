package io.loadgen.cli;

import io.loadgen.engine.RunFailedException;
import io.loadgen.spec.Secrets;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka client settings from configuration ({@code kafka.*} keys, {@code KAFKA_*} env), as plain strings.
 *
 * <p>Only settings some Kafka client (producer, consumer, admin) knows are kept. The {@code KAFKA_} env prefix is
 * shared with Kafka's own scripts ({@code KAFKA_OPTS}, {@code KAFKA_HEAP_OPTS}, ...) and broker images
 * ({@code KAFKA_LISTENERS}, ...), so a shell or pod set up for Kafka would otherwise hand the producer settings like
 * {@code opts}, and print them in the summary: {@code KAFKA_OPTS} can carry a keystore password. Plugin settings no
 * client declares go through {@code --producer-property}, which passes anything.
 */
final class KafkaSettings {

    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    /** quarkus-kafka-client adds a consumer group id to its shared config; our clients have no use for it. */
    private static final String GROUP_ID = "group.id";

    private KafkaSettings() {}

    /** The settings, with {@code bootstrap.servers} replaced when an option gives it ({@code null}: keep). */
    static Map<String, String> from(Map<String, ?> kafkaConfig, String bootstrapServers) {
        Map<String, String> config = from(kafkaConfig);
        if (bootstrapServers != null) config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    static Map<String, String> from(Map<String, ?> kafkaConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.equals(GROUP_ID) && v != null && CLIENT_SETTINGS.contains(k)) config.put(k, String.valueOf(v));
        });
        return config;
    }

    /**
     * Checks {@code bootstrap.servers} with the Kafka client's own parser before anything connects. A malformed
     * address is bad usage (exit 2, before the start line, named as the option). A name that does not resolve is a
     * failure worth a retry (exit 1): a Kubernetes Service created with the Job may resolve a moment later, and a
     * Job's pod failure policy treats exit 2 as final. The client itself would stop at the same point, with
     * "invalid producer setting" for both, or "Failed to create new KafkaAdminClient" and no reason at all.
     */
    static void checkBootstrap(Map<String, String> settings) {
        String bootstrap = settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null) return;
        // as the client's config parser reads a list: entries trimmed, empty ones dropped
        List<String> urls = java.util.Arrays.stream(bootstrap.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .toList();
        if (urls.isEmpty()) throw new UsageException("--bootstrap-servers must name at least one HOST:PORT");
        String lookup = settings.getOrDefault(
                CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, ClientDnsLookup.USE_ALL_DNS_IPS.toString());
        try {
            ClientUtils.parseAndValidateAddresses(urls, lookup);
        } catch (ConfigException e) {
            String reason = String.valueOf(e.getMessage());
            // "No resolvable bootstrap urls" (use_all_dns_ips), "Unknown host in" (resolve_canonical_...)
            if (reason.startsWith("No resolvable bootstrap urls") || reason.startsWith("Unknown host in")) {
                throw new RunFailedException("cannot resolve any host of --bootstrap-servers " + shown(bootstrap.trim())
                        + " (bootstrap.servers): not a name this machine's DNS knows, or not yet");
            }
            throw new UsageException(
                    "--bootstrap-servers (bootstrap.servers) takes HOST:PORT[,HOST:PORT...]; " + shown(reason));
        } catch (IllegalArgumentException e) {
            throw new UsageException("client.dns.lookup takes " + ClientDnsLookup.USE_ALL_DNS_IPS + " or "
                    + ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY + "; got '" + lookup + "'");
        }
    }

    /** A user:password@ pasted into an address (with a scheme or without) is shown as ***@. */
    private static final Pattern BARE_USER_INFO = Pattern.compile("(^|[,\\s:])([^,\\s:/@]+(:[^,\\s/@]*)?)@");

    static String shown(String text) {
        return BARE_USER_INFO.matcher(Secrets.withoutUserInfo(text)).replaceAll("$1***@");
    }

    /** The names {@link #from} drops because no Kafka client knows them, sorted (names only: values may be secret). */
    static List<String> ignored(Map<String, ?> kafkaConfig) {
        return kafkaConfig.keySet().stream()
                .filter(k -> !CLIENT_SETTINGS.contains(k))
                .sorted()
                .toList();
    }

    /** One line on {@code err} naming the ignored settings, if any. */
    static void reportIgnored(Map<String, ?> kafkaConfig, PrintStream err) {
        List<String> ignored = ignored(kafkaConfig);
        if (ignored.isEmpty()) return;
        err.println("loadgen: ignoring kafka.* / KAFKA_* settings no Kafka client knows: " + String.join(", ", ignored)
                + " (a plugin's setting goes through --producer-property KEY=VALUE)");
    }

    private static Set<String> clientSettings() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
