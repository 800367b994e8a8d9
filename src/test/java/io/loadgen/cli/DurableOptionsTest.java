package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Transactions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The durable modes' options (issue #7 part 3): how {@code --acks all}, {@code --idempotence} and {@code --transactional}
 * resolve into the spec, and the README's bad-input rows for them, refused before anything connects.
 */
@Timeout(10)
class DurableOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            --transactional                                         ; --transactional needs --acks all; got --acks 1
            --transactional|--acks|1                                ; --transactional needs --acks all; got --acks 1
            --idempotence|--acks|1                                  ; --idempotence (enable.idempotence=true) needs --acks all: an idempotent producer waits for every in-sync replica; got --acks 1
            --acks|0|--producer-property|enable.idempotence=true    ; --idempotence (enable.idempotence=true) needs --acks all
            --transactional|--acks|all|--idempotence|false          ; --transactional needs an idempotent producer; remove --idempotence false (or enable.idempotence=false)
            --transactional|--acks|all|--max-in-flight|6            ; --transactional needs an idempotent producer; invalid producer setting: Must set max.in.flight.requests.per.connection to at most 5
            --transactional|--acks|all|--transaction-interval|0s    ; --transaction-interval must be longer than 0
            --transactional|--acks|all|--threads|3|--producers|2    ; --transactional gives every sender thread its own producer: --producers must be 1 or --threads (3), got 2
            --producer-property|transactional.id=team-a             ; --producer-property transactional.id needs --transactional (each sender thread then gets its own id, starting with 'team-a')
            --transaction-interval|soon                             ; Invalid value for option '--transaction-interval': 'soon' is not a duration
            """)
    void badCombinationsAreRefusedNamingTheOption(String args, String expected) {
        assertThat(errorFor(args)).startsWith(expected);
    }

    @Test
    void byDefaultAcksIsOneAndTheClientTurnsIdempotenceOff() {
        LoadSpec spec = assemble();

        assertThat(spec.delivery().producerConfig())
                .containsEntry("acks", "1")
                .containsEntry("enable.idempotence", "false");
        assertThat(spec.delivery().idempotent()).isFalse();
        assertThat(spec.delivery().transactional()).isFalse();
        assertThat(spec.describe()).containsEntry("idempotence", "off").doesNotContainKey("transactions");
    }

    @Test
    void acksAllAloneGivesAnIdempotentProducerAndTheSettingsSaySo() {
        LoadSpec spec = assemble("--acks", "all");

        assertThat(spec.delivery().producerConfig()).containsEntry("enable.idempotence", "true");
        assertThat(spec.describe()).containsEntry("idempotence", "on");
    }

    /** The Kafka client's own rule, now applied before anything connects: more than 5 in flight breaks idempotence. */
    @Test
    void acksAllWithMoreThanFiveInFlightNeedsIdempotenceOffSaidOutright() {
        assertThat(errorFor("--acks|all|--max-in-flight|10"))
                .isEqualTo(
                        "invalid producer setting: To use the idempotent "
                                + "producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 10.");

        LoadSpec spec = assemble("--acks", "all", "--max-in-flight", "10", "--idempotence", "false");

        assertThat(spec.delivery().idempotent()).isFalse();
        assertThat(spec.describe()).containsEntry("idempotence", "off");
    }

    @Test
    void idempotenceFalseTurnsItOffEvenWithAcksAll() {
        assertThat(assemble("--acks", "all", "--idempotence", "false")
                        .delivery()
                        .producerConfig())
                .containsEntry("enable.idempotence", "false");
        assertThat(assemble("--acks", "all", "--idempotence").delivery().idempotent())
                .isTrue();
    }

    @Test
    void transactionalGivesEverySenderItsOwnProducerAndTakesTheDefaultInterval() {
        LoadSpec spec = assemble("--transactional", "--acks", "all", "--threads", "3", "--run-id", "r1");

        assertThat(spec.delivery().transactions()).isEqualTo(new Transactions(Duration.ofMillis(100), "loadgen"));
        assertThat(spec.senders().producers()).isEqualTo(3);
        assertThat(spec.delivery().idempotent()).isTrue();
        assertThat(spec.delivery().producerConfig()).doesNotContainKey("transactional.id");
        assertThat(spec.delivery().transactions().transactionalId(spec.runId(), 0, 2))
                .isEqualTo("loadgen-r1-0-2");
        assertThat(spec.describe())
                .containsEntry("transactions", "commit every 100ms, transactional.id loadgen-<run>-<shard>-<sender>");
    }

    @Test
    void aTransactionalIdPropertyIsThePrefixOfEverySendersId() {
        LoadSpec spec = OptionsFixture.withEnv(Map.of("LOADGEN_TRANSACTION_INTERVAL", "2s"))
                .assemble(
                        "--transactional",
                        "--acks",
                        "-1",
                        "--producer-property",
                        "transactional.id=team-a",
                        "--run-id",
                        "r2");

        assertThat(spec.delivery().transactions()).isEqualTo(new Transactions(Duration.ofSeconds(2), "team-a"));
        assertThat(spec.delivery().transactions().transactionalId("r2", 1, 0)).isEqualTo("team-a-r2-1-0");
    }

    private static LoadSpec assemble(String... args) {
        return OptionsFixture.noEnv().assemble(args);
    }

    /** The message of the error the input is refused with; fails if it is accepted. */
    private static String errorFor(String args) {
        String[] argv = args.split("\\|");
        try {
            LoadSpec spec = OptionsFixture.noEnv().assemble(argv);
            throw new AssertionError("accepted " + Arrays.toString(argv) + " as " + spec);
        } catch (picocli.CommandLine.ParameterException | UsageException e) {
            return e.getMessage();
        }
    }
}
