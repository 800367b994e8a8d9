package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.PayloadType;
import io.loadgen.spec.Warmup;
import io.loadgen.spec.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

/**
 * The validation table of issue item 8: every bad input is refused while the spec is built, with a message that
 * names the option and says what it accepts; and the forms the README promises are accepted.
 */
@Timeout(10)
class InputValidationTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void payloadFiles() throws IOException {
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.writeString(dir.resolve("blank-lines.txt"), "\n\r\n\n");
        Files.writeString(dir.resolve("lines.txt"), "first\nsecond\n");
    }

    /**
     * Arguments are split on '|'; {dir} is the temporary directory with the payload files, {empty} an empty
     * argument and {space} a single blank.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            --compression|brotli                  ; --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli'
            --records|0                          ; --records must be a positive whole number, got 0
            --records|-5                         ; --records must be a positive whole number, got -5
            --records|lots                       ; Invalid value for option '--records': 'lots' is not a whole number
            --records|99999999999999999999       ; Invalid value for option '--records': '99999999999999999999' is not a whole number
            --duration|5 minutes                  ; Invalid value for option '--duration': '5 minutes' is not a duration
            --duration|30                         ; Invalid value for option '--duration': '30' is not a duration
            --duration|0s                         ; --duration must be longer than 0
            --payload|json                        ; --payload must be one of seed, fixed, file, template; got 'json'
            --payload|file                        ; --payload file needs --payload-file FILE
            --payload|template                    ; --payload template needs --template NAME|FILE
            --template-format|json                ; --template-format applies to --template only; got --payload seed
            --payload-file|{dir}/missing.txt      ; --payload-file {dir}/missing.txt does not exist or is not a readable file
            --payload-file|{dir}                  ; --payload-file {dir} does not exist or is not a readable file
            --payload-file|{dir}/empty.txt        ; --payload-file {dir}/empty.txt is empty
            --keys|hash                           ; --keys must be one of none, resource-id, random, sequence, uniform:N, zipf:N:S (N keys, exponent S > 0); got 'hash'
            --keys|zipf:100                       ; --keys must be one of none, resource-id, random, sequence, uniform:N, zipf:N:S (N keys, exponent S > 0); got 'zipf:100'
            --keys|zipf:100:0                     ; got 'zipf:100:0'
            --keys|uniform:0                      ; got 'uniform:0'
            --keys|uniform:many                   ; got 'uniform:many'
            --level-weights|1,2,3                 ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG
            --level-weights|INFO=1,TRACE=2        ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); unknown level 'TRACE'
            --level-weights|0,0,0,0               ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); at least one weight must be positive
            --level-weights|1,-1,1,1              ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); weights must not be negative
            --level-weights|a,b,c,d               ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); 'a' is not a whole number
            --level-weights|2147483647,2147483647,1,1 ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); the weights must add up to at most 2147483647 (they are ratios: 70,20,5,5 is as good as 7000,2000,500,500)
            --level-weights|2000000000,2000000000,2000000000,0 ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); the weights must add up to at most 2147483647 (they are ratios: 70,20,5,5 is as good as 7000,2000,500,500)
            --level-weights|99999999999,1,1,1     ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); the weights must add up to at most 2147483647 (they are ratios: 70,20,5,5 is as good as 7000,2000,500,500)
            --records|20k|--rate|10k|--warmup|5s   ; --warmup 5s leaves nothing to measure: --records 20000 at 10000/s are all due within 2s; give a shorter warm-up, more records, or a warm-up in records (--warmup 1000)
            --records|20k|--rate|10k|--warmup|2s   ; --warmup 2s leaves nothing to measure: --records 20000 at 10000/s are all due within 2s; give a shorter warm-up, more records, or a warm-up in records (--warmup 1000)
            --ramp|1k:2k:10s|--records|5000|--warmup|30s ; --warmup 30s leaves nothing to measure: --records 5000 at ramp 1000/s → 2000/s over 10s are all due within 4.142s;
            --level-weights|INFO=70,INFO=20       ; --level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5); INFO is given twice
            --acks|2                              ; --acks must be one of 0, 1, all (or -1); got '2'
            --producers|3|--threads|2             ; --producers (3) must not exceed --threads (2)
            --threads|0                           ; --threads must be a positive whole number, got 0
            --threads|3000000000                  ; Invalid value for option '--threads': '3000000000' is too large
            --warmup|soon                         ; --warmup takes a record count (10000) or a time (5s); got 'soon'
            --rate|-1                             ; --rate must be 0 (unlimited) or a positive number of records/s, got -1.0
            --rate|fast                           ; Invalid value for option '--rate': 'fast' is not a rate in records/s
            --run-id|bad id!                      ; --run-id takes 1-64 letters, digits, '.', '_' or '-'; got 'bad id!'
            --topic|{empty}                       ; --topic must not be empty
            --bootstrap-servers|{space}           ; --bootstrap-servers must name at least one HOST:PORT
            --partitions|0                        ; --partitions must be a positive whole number, got 0
            --replication-factor|0                ; --replication-factor must be between 1 and 32767, got 0
            --payload|fixed|--record-size|0       ; --record-size takes bytes (124, 4k), A..B, uniform:A:B, normal:MEAN:SD or lognormal:MEAN:SIGMA, from 1 to 104857600; got '0'
            --payload|fixed|--record-size|0..100  ; --record-size takes bytes (124, 4k), A..B, uniform:A:B, normal:MEAN:SD or lognormal:MEAN:SIGMA, from 1 to 104857600; got '0..100'
            --payload|fixed|--record-size|lognormal:500 ; got 'lognormal:500'
            --payload|fixed|--record-size|zipf:10:1 ; got 'zipf:10:1'
            --payload|fixed|--record-size|1..200000000 ; got '1..200000000'
            --resource-cardinality|0              ; --resource-cardinality must be a positive whole number, got 0
            --linger-ms|-1                        ; --linger-ms must be between 0 and 2147483647, got -1
            --batch-size|-1                       ; --batch-size must be between 0 and 2147483647, got -1
            --max-in-flight|0                     ; --max-in-flight must be a positive whole number, got 0
            --watch-group|g|--max-consumer-lag|10m ; --max-consumer-lag 10m could be millions of records or minutes: write records with k (10000k) or a time in s (600s)
            --watch-group|g|--max-consumer-lag|soon ; --max-consumer-lag takes a record count (10000, 10k) or a time (30s, 500ms); got 'soon'
            --max-consumer-lag|1000               ; --max-consumer-lag judges the groups of --watch-group; give one
            --max-drain-time|10s                  ; --max-drain-time judges the groups of --watch-group; give one
            --watch-group|a,b,a                   ; --watch-group names 'a' twice
            --buffer-memory|0                     ; --buffer-memory must be a positive whole number, got 0
            --report-interval|0s                  ; --report-interval must be longer than 0
            --connect-timeout|0s                  ; --connect-timeout must be longer than 0
            --stop-timeout|PT-1S                  ; --stop-timeout must not be negative
            --stop-timeout|soon                   ; Invalid value for option '--stop-timeout': 'soon' is not a duration
            --producer-property|key.serializer=x  ; --producer-property key.serializer cannot be changed
            """)
    void badInputIsRefusedWithAMessageNamingTheOption(String args, String expected) {
        assertThat(errorFor(args)).contains(expected.replace("{dir}", dir.toString()));
    }

    /**
     * A payload file of blank lines has no records, like an empty one. It must be refused as bad usage while the spec
     * is built; otherwise the run fails later with an unexpected error (exit 1) instead.
     */
    @Test
    void aPayloadFileOfBlankLinesIsRefusedLikeAnEmptyOne() {
        Path blank = dir.resolve("blank-lines.txt");

        assertThat(errorFor("--payload-file|" + blank)).contains("--payload-file " + blank);
    }

    @ParameterizedTest(name = "--records {0}")
    @CsvSource({"2m, 2000000", "2_000_000, 2000000", "2000000, 2000000", "500k, 500000", "1, 1"})
    void messageCountsTakeSeparatorsAndSuffixes(String value, long expected) {
        assertThat(assemble("--records|" + value).workload().records()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "--duration {0}")
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1h30m, PT1H30M", "PT30S, PT30S", "1.5s, PT1.5S"
    })
    void durationsTakeUnitsOrIso8601(String value, Duration expected) {
        LoadSpec spec = assemble("--duration|" + value);

        assertThat(spec.workload().duration()).isEqualTo(expected);
        assertThat(spec.workload().records())
                .as("a duration alone lifts the default message count")
                .isEqualTo(Workload.UNLIMITED);
    }

    @Test
    void messagesAndDurationTogetherKeepBoth() {
        LoadSpec spec = assemble("--records|1000|--duration|1m");

        assertThat(spec.workload().records()).isEqualTo(1000);
        assertThat(spec.workload().duration()).isEqualTo(Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "--warmup {0}")
    @CsvSource({"10000, 10000, PT0S", "10_000, 10000, PT0S", "10k, 10000, PT0S", "5s, 0, PT5S", "500ms, 0, PT0.5S"})
    void warmupIsARecordCountOrATime(String value, long records, Duration duration) {
        assertThat(assemble("--warmup|" + value).workload().warmup()).isEqualTo(new Warmup(records, duration));
    }

    @ParameterizedTest(name = "--warmup {0}")
    @CsvSource({"0", "0s"})
    void aZeroWarmupIsNone(String value) {
        assertThat(assemble("--warmup|" + value).workload().warmup()).isEqualTo(Warmup.NONE);
    }

    @ParameterizedTest(name = "--level-weights {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "1,2,3,4 ; 1,2,3,4",
                "INFO=70,WARN=20,ERROR=5,DEBUG=5 ; 70,20,5,5",
                "info=1, debug=3 ; 1,0,0,3",
                "ERROR=1 ; 0,0,1,0"
            })
    void levelWeightsArePositionalOrNamed(String value, String expected) {
        int[] weights =
                Arrays.stream(expected.split(",")).mapToInt(Integer::parseInt).toArray();

        assertThat(assemble("--level-weights|" + value).payload().levelWeights())
                .containsExactly(weights);
    }

    @Test
    void aPayloadFileAloneImpliesAFilePayload() {
        Path lines = dir.resolve("lines.txt");

        LoadSpec spec = assemble("--payload-file|" + lines);

        assertThat(spec.payload().type()).isEqualTo(PayloadType.FILE);
        assertThat(spec.payload().file()).isEqualTo(lines);
    }

    @Test
    void fixedPayloadTakesTheRecordSize() {
        LoadSpec spec = assemble("--payload|FIXED|--record-size|200");

        assertThat(spec.payload().type()).isEqualTo(PayloadType.FIXED);
        assertThat(spec.payload().largestRecordBytes()).isEqualTo(200);
    }

    @ParameterizedTest(name = "--acks {0}")
    @CsvSource({"0, 0", "1, 1", "all, all", "ALL, all", "-1, -1"})
    void acksAcceptsTheProducerValues(String value, String expected) {
        assertThat(assemble("--acks|" + value).delivery().producerConfig()).containsEntry("acks", expected);
    }

    @ParameterizedTest(name = "--compression {0}")
    @CsvSource({"none", "gzip", "snappy", "lz4", "zstd"})
    void compressionAcceptsEveryCodec(String value) {
        assertThat(assemble("--compression|" + value).delivery().producerConfig())
                .containsEntry("compression.type", value);
    }

    @Test
    void aGivenRunIdIsKeptAndAMissingOneIsGenerated() {
        assertThat(assemble("--run-id|nightly-42").runId()).isEqualTo("nightly-42");
        assertThat(assemble().runId()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    }

    /** A timed warm-up a paced run outlasts is fine; ramps and unpaced runs cannot be judged before they run. */
    @Test
    void aTimedWarmUpAPacedRunOutlastsIsAccepted() {
        assertThat(assemble("--records|30k|--rate|10k|--warmup|2s").workload().records())
                .isEqualTo(30_000);
        assertThat(assemble("--records|20k|--warmup|5s").workload().records()).isEqualTo(20_000);
    }

    private static LoadSpec assemble(String args) {
        return OptionsFixture.noEnv().assemble(split(args));
    }

    private static LoadSpec assemble() {
        return OptionsFixture.noEnv().assemble();
    }

    /** The message of the error the input is refused with; fails if it is accepted. */
    private static String errorFor(String args) {
        String[] argv = split(args.replace("{dir}", dir.toString()));
        try {
            LoadSpec spec = OptionsFixture.noEnv().assemble(argv);
            throw new AssertionError("accepted " + Arrays.toString(argv) + " as " + spec);
        } catch (ParameterException | UsageException e) {
            return e.getMessage();
        }
    }

    private static String[] split(String args) {
        return Arrays.stream(args.split("\\|"))
                .map(a -> a.replace("{empty}", "").replace("{space}", " "))
                .toArray(String[]::new);
    }
}
