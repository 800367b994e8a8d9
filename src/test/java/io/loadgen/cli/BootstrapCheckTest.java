package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.engine.RunFailedException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bootstrap.servers checked before anything connects: a malformed address is bad usage (exit 2) named as the option;
 * a name that does not resolve fails the run (exit 1), which a Job retries, as it would an unreachable broker.
 */
@Timeout(30)
class BootstrapCheckTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            foo                      ; Invalid url in bootstrap.servers: foo
            127.0.0.1:99999          ; Invalid port in bootstrap.servers: 127.0.0.1:99999
            127.0.0.1:9092,broker    ; Invalid url in bootstrap.servers: broker
            """)
    void aMalformedAddressIsBadUsageNamedAsTheOption(String bootstrap, String reason) {
        assertThatThrownBy(() -> KafkaSettings.checkBootstrap(Map.of("bootstrap.servers", bootstrap)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--bootstrap-servers (bootstrap.servers) takes HOST:PORT[,HOST:PORT...]; " + reason);
    }

    /** .invalid never resolves (RFC 2606). */
    @Test
    void aNameThatDoesNotResolveFailsTheRunAndCanBeRetried() {
        assertThatThrownBy(() -> KafkaSettings.checkBootstrap(Map.of("bootstrap.servers", "kafka.invalid:9092")))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("cannot resolve any host of --bootstrap-servers kafka.invalid:9092 (bootstrap.servers): "
                        + "not a name this machine's DNS knows, or not yet");
    }

    @Test
    void aNameThatDoesNotResolveIsARetryableFailureInTheCanonicalLookupModeToo() {
        assertThatThrownBy(() -> KafkaSettings.checkBootstrap(Map.of(
                        "bootstrap.servers",
                        "kafka.invalid:9092",
                        "client.dns.lookup",
                        "resolve_canonical_bootstrap_servers_only")))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("cannot resolve any host of --bootstrap-servers kafka.invalid:9092");
        assertThatThrownBy(() -> KafkaSettings.checkBootstrap(
                        Map.of("bootstrap.servers", "127.0.0.1:9092", "client.dns.lookup", "default")))
                .isInstanceOf(UsageException.class)
                .hasMessage("client.dns.lookup takes use_all_dns_ips or resolve_canonical_bootstrap_servers_only; "
                        + "got 'default'");
    }

    /** A password pasted into the address, with a scheme or without, is not repeated in the error line. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            user:s3cret@kafka:9092            ; Invalid url in bootstrap.servers: ***@kafka:9092
            SASL_SSL://user:s3cret@kafka:9092 ; Invalid url in bootstrap.servers: SASL_SSL://***@kafka:9092
            127.0.0.1:9092,bob:s3cret@k:9092  ; Invalid url in bootstrap.servers: ***@k:9092
            """)
    void credentialsInAnAddressAreNotShown(String bootstrap, String reason) {
        assertThatThrownBy(() -> KafkaSettings.checkBootstrap(Map.of("bootstrap.servers", bootstrap)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--bootstrap-servers (bootstrap.servers) takes HOST:PORT[,HOST:PORT...]; " + reason)
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void oneResolvableAddressIsEnoughAsForTheClient() {
        assertThatCode(() ->
                        KafkaSettings.checkBootstrap(Map.of("bootstrap.servers", "kafka.invalid:9092, 127.0.0.1:9092")))
                .doesNotThrowAnyException();
        assertThatCode(() -> KafkaSettings.checkBootstrap(Map.of())).doesNotThrowAnyException();
        assertThat(KafkaSettings.from(Map.of("bootstrap.servers", "[::1]:9092")))
                .containsKey("bootstrap.servers");
        assertThatCode(() -> KafkaSettings.checkBootstrap(Map.of("bootstrap.servers", "[::1]:9092")))
                .doesNotThrowAnyException();
    }
}
