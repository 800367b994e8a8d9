package io.loadgen.cli;

import io.loadgen.payload.SequenceHeader;
import io.loadgen.spec.Distribution;
import io.loadgen.spec.EditDistance;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.security.JaasContext;

/**
 * Producer settings that cannot work, found before anything connects instead of by every record failing: a record
 * larger than {@code max.request.size} or {@code buffer.memory} (the producer refuses each one with
 * RecordTooLargeException), a {@code batch.size} above {@code buffer.memory} (no batch can be allocated), and a
 * {@code sasl.jaas.config} Kafka's own parser refuses or whose login module is not there (otherwise "Failed to
 * construct kafka producer" and no cause).
 * Sizes are measured as the Kafka client measures them, with its own upper bound of a record's serialized size.
 */
final class ProducerSettingsCheck {

    private static final Map<String, Object> CLIENT_DEFAULTS =
            ProducerConfig.configDef().defaultValues();
    /** DefaultRecord.MAX_RECORD_OVERHEAD: 1 + 10 + 5 + 5 bytes. */
    private static final int MAX_RECORD_OVERHEAD = 21;

    private static final Pattern QUOTED_IN_MESSAGE = Pattern.compile("'([^']*)'");
    private static final java.util.List<String> CONTROL_FLAGS =
            java.util.List.of("required", "requisite", "sufficient", "optional");

    private ProducerSettingsCheck() {}

    /**
     * @param config         the producer settings as the engine will pass them
     * @param cliProperties  what {@code --producer-property} gave, to name where a setting came from
     */
    static void check(
            Map<String, String> config,
            Map<String, String> cliProperties,
            PayloadSpec payload,
            String runId,
            boolean sequenceHeader) {
        jaas(config, cliProperties);
        long bufferMemory = setting(config, ProducerConfig.BUFFER_MEMORY_CONFIG);
        long batchSize = setting(config, ProducerConfig.BATCH_SIZE_CONFIG);
        if (batchSize > 0 && bufferMemory > 0 && batchSize > bufferMemory) {
            throw new UsageException(
                    "--batch-size (batch.size) " + batchSize + " is larger than --buffer-memory (buffer.memory) "
                            + bufferMemory
                            + ": the producer could not allocate a single batch and every record would fail; give a "
                            + "--batch-size of at most " + bufferMemory + " or a larger --buffer-memory");
        }
        long maxRequest = setting(config, ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        recordSizes(payload, runId, sequenceHeader, maxRequest, bufferMemory);
    }

    /** Refuses a JAAS configuration Kafka's client parser refuses, with the parser's reason and never the value. */
    static void jaas(Map<String, String> config, Map<String, String> cliProperties) {
        String jaas = config.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (jaas == null) return;
        String where = cliProperties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)
                ? "--producer-property sasl.jaas.config"
                : "sasl.jaas.config (env KAFKA_SASL_JAAS_CONFIG or kafka.sasl.jaas.config)";
        JaasContext context;
        try {
            context = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
        } catch (IllegalArgumentException | KafkaException e) {
            throw new UsageException(where
                    + " takes a JAAS login module entry (LoginModuleClass required key=\"value\" ...;)"
                    + ", and Kafka's parser refuses this one: " + withoutValues(String.valueOf(e.getMessage()), jaas)
                    + " (the value is secret and not shown)");
        }
        String protocol = config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "");
        if (!protocol.toUpperCase(java.util.Locale.ROOT).startsWith("SASL")) return; // the entry is not used
        for (AppConfigurationEntry entry : context.configurationEntries()) {
            String module = entry.getLoginModuleName();
            if (!loadable(module)) {
                // else "Failed to construct kafka producer", exit 1, and the cause (no LoginModule found) not shown
                throw new UsageException(where + " names login module " + module + ", which is not on the class path"
                        + " (Kafka's: org.apache.kafka.common.security.plain.PlainLoginModule, "
                        + "org.apache.kafka.common.security.scram.ScramLoginModule, "
                        + "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule)");
            }
        }
    }

    /** As the JDK's LoginContext finds a login module: by the thread's context class loader. */
    private static boolean loadable(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(className, false, loader != null ? loader : ProducerSettingsCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The parser's message quotes the token it stopped at, which may be a misplaced value (a password without its
     * key): a quoted token is shown only when it is a key (followed by '=') or a misspelt control flag, else as ***.
     */
    static String withoutValues(String message, String jaas) {
        Matcher m = QUOTED_IN_MESSAGE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            boolean key = Pattern.compile(Pattern.quote(token) + "\\s*=")
                            .matcher(jaas)
                            .find()
                    && !token.isBlank();
            boolean flag = CONTROL_FLAGS.stream()
                    .anyMatch(f -> EditDistance.between(f, token.toLowerCase(java.util.Locale.ROOT)) <= 2);
            m.appendReplacement(out, Matcher.quoteReplacement("'" + (key || flag ? token : "***") + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void recordSizes(
            PayloadSpec payload, String runId, boolean sequenceHeader, long maxRequest, long bufferMemory) {
        // A seed log line is a few hundred bytes; a template's records vary, and one too large fails on its own.
        if (payload.type() == PayloadType.SEED || payload.type() == PayloadType.TEMPLATE) return;
        long limit = Math.min(
                maxRequest > 0 ? maxRequest : Long.MAX_VALUE, bufferMemory > 0 ? bufferMemory : Long.MAX_VALUE);
        if (limit == Long.MAX_VALUE) return;
        String limitName = limit == maxRequest
                ? "max.request.size " + maxRequest
                : "buffer.memory (--buffer-memory) " + bufferMemory;
        String raise = limit == maxRequest
                ? "raise max.request.size (--producer-property max.request.size=BYTES; the broker's "
                        + "message.max.bytes must allow it too)"
                : "raise --buffer-memory";
        byte[] key = longestKey(payload);
        Header[] headers = sequenceHeader
                ? new Header[] {new RecordHeader(SequenceHeader.KEY, new SequenceHeader(runId, 0, 0).next(0))}
                : new Header[0];
        if (payload.type() == PayloadType.FIXED) {
            // A distribution's draws above the limit fail as records too large, counted as errors: it is refused only
            // when even its smallest record would fail, as one size is.
            Distribution sizes = payload.recordSize();
            boolean one = sizes.lowest() == sizes.highest();
            int smallest = one ? payload.largestRecordBytes() : (int) Math.max(1, Math.ceil(sizes.lowest()));
            int size = serializedSize(key, smallest, headers);
            if (size > limit) {
                throw new UsageException(
                        "--record-size " + sizes + " makes records of " + (one ? "" : "at least ") + size
                                + " bytes (value, key and record overhead), over the producer's " + limitName
                                + ": every record would fail; give a --record-size of at most "
                                + largestValue(key, headers, limit)
                                + ", or " + raise);
            }
            return;
        }
        Line longest = longestLine(payload.file());
        int size = serializedSize(key, longest.bytes(), headers);
        if (size > limit) {
            throw new UsageException(
                    "--payload-file " + payload.file() + " line " + longest.number() + " is " + longest.bytes()
                            + " bytes, " + size + " with key and record overhead, over the producer's " + limitName
                            + ": every record of that line would fail; shorten the line (at most "
                            + largestValue(key, headers, limit)
                            + " bytes), or " + raise);
        }
    }

    /**
     * The client's own upper bound of the record's size in a batch, which KafkaProducer checks against both limits:
     * {@code AbstractRecords.estimateSizeInBytesUpperBound} for the current record format, from sizes alone (that
     * method takes the bytes; a test holds the two equal).
     */
    static int serializedSize(byte[] key, int valueBytes, Header[] headers) {
        // the batch header, the most a record's own header can take (attributes, varlong timestamp delta, varint
        // offset delta, varint size), and the body without the 3 bytes that attributes and two zero deltas take
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD
                + MAX_RECORD_OVERHEAD
                + DefaultRecord.sizeOfBodyInBytes(0, 0L, key == null ? -1 : key.length, valueBytes, headers)
                - 3;
    }

    /** The largest value that fits in {@code limit} with this key and headers (the length fields are varints). */
    private static long largestValue(byte[] key, Header[] headers, long limit) {
        long lo = 0, hi = Math.min(limit, Integer.MAX_VALUE - 1024);
        if (serializedSize(key, 0, headers) > limit) return 0;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (serializedSize(key, (int) mid, headers) <= limit) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static byte[] longestKey(PayloadSpec payload) {
        String longest = switch (payload.keys()) {
            case NONE -> null;
            case RANDOM -> "0123456789abcdef";
            case RESOURCE_ID -> "resource-" + (payload.resourceCardinality() - 1);
            case SEQUENCE -> String.valueOf(Long.MAX_VALUE);
            case UNIFORM, ZIPF -> "key-" + (payload.keyCount() - 1);
        };
        return longest == null ? null : longest.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    record Line(int number, int bytes) {}

    /** The longest line of the file, 1-based, as FileLinesGenerator cuts them (without its '\n' or '\r\n'). */
    static Line longestLine(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("--payload-file " + file + " cannot be read: " + e.getMessage());
        }
        int best = 0, bestNumber = 1, number = 1, start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i;
                if (end > start && all[end - 1] == '\r') end--;
                if (end - start > best) {
                    best = end - start;
                    bestNumber = number;
                }
                number++;
                start = i + 1;
            }
        }
        return new Line(bestNumber, best);
    }

    /** A numeric setting as given, else the client's default; -1 when not a number (the client reports that itself). */
    private static long setting(Map<String, String> config, String name) {
        String v = config.get(name);
        if (v == null) {
            Object d = CLIENT_DEFAULTS.get(name);
            return d instanceof Number n ? n.longValue() : -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
