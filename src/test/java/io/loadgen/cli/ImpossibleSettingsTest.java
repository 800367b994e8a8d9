package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.PayloadType;
import io.loadgen.spec.RateShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

/**
 * Issue 14 item 6: settings that cannot work are refused while the spec is built (exit 2, one line naming the
 * option), instead of every record failing in a run that says COMPLETED; contradicting options are refused, and the
 * command line beats env for the load shape and the payload.
 */
@Timeout(10)
class ImpossibleSettingsTest {

    private static final String S3CRET = "s3cret-Xy9";

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("lines.txt"), "first\nsecond\n");
        // line 3 is 2,000,000 bytes: over the producer's default max.request.size of 1 MiB
        Files.writeString(dir.resolve("long-line.txt"), "a\r\nbb\r\n" + "x".repeat(2_000_000) + "\r\nshort\n");
    }

    // --- a: record sizes against max.request.size and buffer.memory, measured as the Kafka client measures them

    /** The size the message names as the largest that fits is accepted, one byte more is refused: the check is exact. */
    @Test
    void aFixedRecordOverMaxRequestSizeIsRefusedAndTheLargestThatFitsIsNamed() {
        String error = errorFor("--payload|fixed|--record-size|2000000");
        assertThat(error)
                .startsWith("--record-size 2000000 makes records of ")
                .contains(
                        " bytes (value, key and record overhead), over the producer's max.request.size 1048576: every "
                                + "record would fail; give a --record-size of at most ")
                .contains("--producer-property max.request.size=BYTES");
        int largest = Integer.parseInt(error.replaceAll(".*at most (\\d+),.*", "$1"));
        assertThat(largest).isBetween(1_048_000, 1_048_576);

        assertThat(assemble("--payload|fixed|--record-size|" + largest)
                        .payload()
                        .largestRecordBytes())
                .isEqualTo(largest);
        assertThat(errorFor("--payload|fixed|--record-size|" + (largest + 1)))
                .startsWith("--record-size " + (largest + 1));
        assertThat(assemble("--payload|fixed|--record-size|2000000|--producer-property|max.request.size=3000000")
                        .payload()
                        .largestRecordBytes())
                .as("a raised limit lets it through")
                .isEqualTo(2_000_000);
    }

    @ParameterizedTest(name = "value {0} B, key {1} B")
    @CsvSource({"0, -1", "124, -1", "124, 16", "1048400, 14", "2000000, -1", "2000000, 16"})
    void theSizeIsTheKafkaClientsOwnUpperBound(int valueBytes, int keyBytes) {
        byte[] key = keyBytes < 0 ? null : new byte[keyBytes];
        Header[] headers = {new RecordHeader("loadgen.seq", new byte[30])};

        assertThat(ProducerSettingsCheck.serializedSize(key, valueBytes, headers))
                .isEqualTo(AbstractRecords.estimateSizeInBytesUpperBound(
                        RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, new byte[valueBytes], headers));
    }

    @Test
    void keysAndTheSequenceHeaderCountToo() {
        int largest = Integer.parseInt(
                errorFor("--payload|fixed|--record-size|2000000").replaceAll(".*at most (\\d+),.*", "$1"));

        assertThat(errorFor("--payload|fixed|--record-size|" + largest + "|--keys|random"))
                .startsWith("--record-size " + largest);
        assertThat(errorFor("--payload|fixed|--record-size|" + largest + "|--sequence-header"))
                .startsWith("--record-size " + largest);
    }

    @Test
    void aRecordOverBufferMemoryIsRefusedNamingBufferMemory() {
        assertThat(errorFor("--payload|fixed|--record-size|5000|--buffer-memory|4096|--batch-size|1024"))
                .startsWith("--record-size 5000 makes records of ")
                .contains("over the producer's buffer.memory (--buffer-memory) 4096", "raise --buffer-memory");
    }

    @Test
    void aPayloadFileLineThatCannotFitIsNamedWithItsNumberAndSize() {
        Path file = dir.resolve("long-line.txt");

        assertThat(errorFor("--payload-file|" + file))
                .startsWith("--payload-file " + file + " line 3 is 2000000 bytes, ")
                .contains("over the producer's max.request.size 1048576: every record of that line would fail");
        assertThat(assemble("--payload-file|" + file + "|--producer-property|max.request.size=2100000")
                        .payload()
                        .type())
                .isEqualTo(PayloadType.FILE);
    }

    // --- b: batch.size above buffer.memory

    @Test
    void aBatchLargerThanTheBufferIsRefused() {
        assertThat(errorFor("--batch-size|67108864|--buffer-memory|33554432"))
                .isEqualTo(
                        "--batch-size (batch.size) 67108864 "
                                + "is larger than --buffer-memory (buffer.memory) 33554432: the producer could not allocate a single batch and "
                                + "every record would fail; give a --batch-size of at most 33554432 or a larger --buffer-memory");
        assertThat(errorFor("--producer-property|batch.size=2000|--producer-property|buffer.memory=1000"))
                .startsWith("--batch-size (batch.size) 2000 is larger than --buffer-memory (buffer.memory) 1000");
        assertThat(assemble("--batch-size|33554432|--buffer-memory|33554432")
                        .delivery()
                        .producerConfig())
                .containsEntry("batch.size", "33554432");
    }

    // --- c: sasl.jaas.config through Kafka's own parser, the value never shown

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no semicolon        | org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cret-Xy9" | JAAS config entry not terminated by semi-colon
            no control flag     | org.apache.kafka.common.security.plain.PlainLoginModule "s3cret-Xy9";                                  | Invalid login module control flag '***' in JAAS config
            a key without value | org.apache.kafka.common.security.plain.PlainLoginModule required "s3cret-Xy9";                         | Value not specified for key '***' in JAAS config
            two modules         | a.B required; c.D required;                                                                            | JAAS config property contains 2 login modules, should be 1 module
            unquoted value      | org.apache.kafka.common.security.plain.PlainLoginModule required s3cret-Xy9;                           | Value not specified for key '***' in JAAS config
            key without '='     | org.apache.kafka.common.security.plain.PlainLoginModule required password s3cret-Xy9;                  | Value not specified for key '***' in JAAS config
            empty value         | org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password=;               | Value not specified for key 'password' in JAAS config
            misspelt flag       | org.apache.kafka.common.security.plain.PlainLoginModule requird username="a" password="s3cret-Xy9";    | Invalid login module control flag 'requird' in JAAS config
            """)
    void aMalformedJaasConfigIsRefusedWithTheParsersReasonAndNeverTheValue(String name, String jaas, String reason) {
        String error = errorFor(new String[] {"--producer-property", "sasl.jaas.config=" + jaas.trim()}, Map.of());

        assertThat(error)
                .startsWith("--producer-property sasl.jaas.config takes a JAAS login module entry")
                .contains("Kafka's parser refuses this one: " + reason.trim())
                .doesNotContain(S3CRET);
    }

    @Test
    void aLoginModuleThatIsNotThereIsNamedWithKafkasOwn() {
        String jaas = "sasl.jaas.config=com.nope.X required username=\"u\" password=\"" + S3CRET + "\";";

        assertThat(errorFor(
                        new String[] {
                            "--producer-property", "security.protocol=SASL_PLAINTEXT", "--producer-property", jaas
                        },
                        Map.of()))
                .isEqualTo("--producer-property sasl.jaas.config names login module com.nope.X, which is not on the "
                        + "class path (Kafka's: org.apache.kafka.common.security.plain.PlainLoginModule, "
                        + "org.apache.kafka.common.security.scram.ScramLoginModule, "
                        + "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule)");
        assertThat(assemble("--producer-property|security.protocol=SASL_SSL|--producer-property|"
                                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"u\" password=\"p\";")
                        .delivery()
                        .producerConfig())
                .as("Kafka's own modules are there")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(assemble("--producer-property|" + jaas).delivery().producerConfig())
                .as("without SASL the entry is never used")
                .containsKey("sasl.jaas.config");
    }

    @Test
    void aMalformedJaasConfigFromEnvNamesTheEnvVariable() {
        String error = errorFor(
                new String[0],
                Map.of(
                        "KAFKA_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\""
                                + S3CRET + "\""));

        assertThat(error)
                .startsWith("sasl.jaas.config (env KAFKA_SASL_JAAS_CONFIG or kafka.sasl.jaas.config) takes a JAAS")
                .endsWith("not terminated by semi-colon (the value is secret and not shown)")
                .doesNotContain(S3CRET);
    }

    // --- d: topic names by Kafka's rules

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            --topic|bad topic          ; --topic takes a Kafka topic name: 1-249 ASCII letters, digits, '.', '_' or '-', not '.' or '..'; Topic name is invalid: 'bad topic' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'
            --topic|..                 ; --topic takes a Kafka topic name: 1-249 ASCII letters, digits, '.', '_' or '-', not '.' or '..'; Topic name cannot be "." or ".."
            --control-topic|ctl/1      ; --control-topic takes a Kafka topic name
            --results-topic|résultats  ; --results-topic takes a Kafka topic name
            """)
    void topicNamesFollowKafkasRules(String args, String expected) {
        assertThat(expected).as("the row as parsed").contains(" takes a Kafka topic name");
        assertThat(errorFor(args)).startsWith(expected);
    }

    @Test
    void aTopicNameOver249CharactersIsRefused() {
        assertThat(errorFor("--topic|" + "t".repeat(250))).contains("is longer than the max allowed length 249");
        assertThat(assemble("--topic|" + "t".repeat(249)).topic().name()).hasSize(249);
    }

    // --- h: a warm-up that leaves nothing to measure

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            --records|1000|--warmup|1000           ; --warmup 1000 leaves nothing to measure: it is not less than --records 1000; give a warm-up below --records (or --warmup 0 for none)
            --records|1000|--warmup|2k             ; --warmup 2k leaves nothing to measure: it is not less than --records 1000
            --duration|10s|--warmup|10s             ; --warmup 10s leaves nothing to measure: it is not shorter than the run's 10s (--duration, or the length of --ramp/--steps)
            --ramp|1k:2k:5s|--warmup|6s             ; --warmup 6s leaves nothing to measure: it is not shorter than the run's 5s
            """)
    void aWarmupAsLongAsTheRunIsRefused(String args, String expected) {
        assertThat(errorFor(args)).startsWith(expected);
    }

    @Test
    void aWarmupShorterThanTheRunIsKept() {
        assertThat(assemble("--records|1000|--warmup|999").workload().warmup().records())
                .isEqualTo(999);
        assertThat(assemble("--duration|10s|--warmup|9s").workload().warmup().duration())
                .isEqualTo(Duration.ofSeconds(9));
    }

    // --- e: contradicting options refused; f: the command line beats env

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            --payload|fixed|--payload-file|{dir}/lines.txt    ; --payload fixed and --payload-file are alternatives (--payload-file implies --payload file); give one
            --payload|seed|--payload-file|{dir}/lines.txt     ; --payload seed and --payload-file are alternatives
            --record-size|200                                 ; --record-size sets the value size of --payload fixed only; got --payload seed (give --payload fixed, or leave --record-size out)
            --payload-file|{dir}/lines.txt|--record-size|200  ; --record-size sets the value size of --payload fixed only; got --payload file
            --payload|fixed|--level-weights|1,2,3,4           ; --level-weights weighs the levels of --payload seed only; got --payload fixed
            --transaction-interval|1s                         ; --transaction-interval applies to --transactional runs only
            --payload|fixed|--template|nginx                  ; --payload fixed and --template are alternatives (--template implies --payload template); give one
            --payload-file|{dir}/lines.txt|--template|nginx   ; --payload-file and --template are alternatives; give one
            --template|nginx|--record-size|200                ; --record-size sets the value size of --payload fixed only; got --payload template
            --template|nginx|--template-format|yaml           ; --template-format must be json or text; got 'yaml'
            """)
    void contradictingOptionsAreRefused(String args, String expected) {
        assertThat(errorFor(args)).startsWith(expected.replace("{dir}", dir.toString()));
    }

    @Test
    void aTemplateFromTheCommandLineBeatsAPayloadFromEnvAndTheOtherWayRound() {
        Path lines = dir.resolve("lines.txt");

        LoadSpec template =
                OptionsFixture.withEnv(Map.of("LOADGEN_PAYLOAD", "fixed")).assemble("--template", "nginx");
        assertThat(template.payload().type()).isEqualTo(PayloadType.TEMPLATE);
        assertThat(template.payload().template().name()).isEqualTo("nginx");
        LoadSpec fixed =
                OptionsFixture.withEnv(Map.of("LOADGEN_TEMPLATE", "nginx")).assemble("--payload", "fixed");
        assertThat(fixed.payload().type()).isEqualTo(PayloadType.FIXED);
        assertThat(fixed.payload().template()).isNull();
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_TEMPLATE", "app-json"))
                        .assemble()
                        .payload()
                        .template()
                        .json())
                .as("a template from env beats the configured default, seed; app-json is JSON")
                .isTrue();
        LoadSpec file = OptionsFixture.withEnv(Map.of("LOADGEN_TEMPLATE", "nginx"))
                .assemble("--payload-file", lines.toString());
        assertThat(file.payload().type()).isEqualTo(PayloadType.FILE);
        assertThat(errorFor(
                        new String[0], Map.of("LOADGEN_TEMPLATE", "nginx", "LOADGEN_PAYLOAD_FILE", lines.toString())))
                .isEqualTo("--payload-file and --template are alternatives, here both from env or config "
                        + "(LOADGEN_PAYLOAD_FILE, LOADGEN_TEMPLATE); give one");
    }

    @Test
    void thePayloadFromTheCommandLineBeatsTheOneFromEnv() {
        Path lines = dir.resolve("lines.txt");

        LoadSpec file =
                OptionsFixture.withEnv(Map.of("LOADGEN_PAYLOAD", "fixed")).assemble("--payload-file", lines.toString());
        assertThat(file.payload().type()).isEqualTo(PayloadType.FILE);
        LoadSpec fixed = OptionsFixture.withEnv(Map.of("LOADGEN_PAYLOAD_FILE", lines.toString()))
                .assemble("--payload", "fixed");
        assertThat(fixed.payload().type()).isEqualTo(PayloadType.FIXED);
        assertThat(fixed.payload().file()).isNull();
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_PAYLOAD_FILE", lines.toString()))
                        .assemble()
                        .payload()
                        .type())
                .as("a file from env beats the configured default, seed")
                .isEqualTo(PayloadType.FILE);
        assertThat(errorFor(
                        new String[0], Map.of("LOADGEN_PAYLOAD", "fixed", "LOADGEN_PAYLOAD_FILE", lines.toString())))
                .isEqualTo(
                        "--payload fixed and --payload-file are alternatives (--payload-file implies --payload file), here both "
                                + "from env or config (LOADGEN_PAYLOAD, LOADGEN_PAYLOAD_FILE); give one");
    }

    @Test
    void theLoadShapeFromTheCommandLineBeatsTheOneFromEnv() {
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_RATE", "100"))
                        .assemble("--ramp", "1k:2k:5s")
                        .workload()
                        .rate())
                .isEqualTo(new RateShape.Ramp(1000, 2000, Duration.ofSeconds(5)));
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_RAMP", "1k:2k:5s"))
                        .assemble("--rate", "50")
                        .workload()
                        .rate())
                .isEqualTo(new RateShape.Constant(50));
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_STEPS", "1k:1s"))
                        .assemble("--ramp", "1:2:3s")
                        .workload()
                        .rate())
                .isInstanceOf(RateShape.Ramp.class);
        assertThat(OptionsFixture.withEnv(Map.of("LOADGEN_STEPS", "1k:1s"))
                        .assemble("--rate", "0")
                        .workload()
                        .rate())
                .as("--rate 0 on the command line: unlimited, whatever env says")
                .isNull();
    }

    @Test
    void twoShapesFromEnvAreStillRefused() {
        assertThat(errorFor(new String[0], Map.of("LOADGEN_RATE", "100", "LOADGEN_RAMP", "1k:2k:5s")))
                .isEqualTo("--rate, --ramp and --steps are alternatives; give one of them (here from env or config: "
                        + "LOADGEN_RATE, LOADGEN_RAMP, LOADGEN_STEPS; the command line beats them)");
        assertThat(errorFor("--rate|100|--ramp|1:2:3s"))
                .isEqualTo("--rate, --ramp and --steps are alternatives; give one of them");
    }

    private static LoadSpec assemble(String args) {
        return OptionsFixture.noEnv().assemble(split(args));
    }

    private static String errorFor(String args) {
        return errorFor(split(args.replace("{dir}", dir.toString())), Map.of());
    }

    /** The message of the error the input is refused with; fails if it is accepted. */
    private static String errorFor(String[] argv, Map<String, String> env) {
        try {
            LoadSpec spec = OptionsFixture.withEnv(env).assemble(argv);
            throw new AssertionError("accepted " + Arrays.toString(argv) + " with env " + env + " as " + spec);
        } catch (ParameterException | UsageException e) {
            return e.getMessage();
        }
    }

    private static String[] split(String args) {
        return args.isEmpty() ? new String[0] : args.split("\\|");
    }
}
