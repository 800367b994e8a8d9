package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which command lines boot with the HTTP server, and what a taken port turns into (issue 14, item 8). */
@Timeout(10)
class MetricsPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | true
            --records 10               | true
            run --records 10           | true
            tune --budget 1m            | true
            --help                      | false
            -h                          | false
            --version                   | false
            run --help                  | false
            tune -h                     | false
            report --run-id x           | false
            verify --run-id x           | false
            nonsense                    | false
            """)
    void onlyRunAndTuneServeMetrics(String args, boolean needs) {
        assertThat(MetricsPort.needsServer(args.isEmpty() ? new String[0] : args.split(" ")))
                .isEqualTo(needs);
    }

    @Test
    void aCommandWithoutServerBootsWithoutOne() {
        assertThat(MetricsPort.beforeBoot(new String[] {"report", "a.json"}, name -> Optional.empty()))
                .isEqualTo(Map.of("quarkus.http.host-enabled", "false"));
    }

    @Test
    void aTakenPortTurnsTheServerOffAndIsReportedByTheCommand() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Map<String, Optional<String>> env = Map.of(
                    "QUARKUS_HTTP_PORT",
                    Optional.of(String.valueOf(port)),
                    "QUARKUS_HTTP_HOST",
                    Optional.of("127.0.0.1"));

            Map<String, String> properties = MetricsPort.beforeBoot(
                    new String[] {"--records", "10"}, name -> env.getOrDefault(name, Optional.empty()));

            assertThat(properties)
                    .containsEntry("quarkus.http.host-enabled", "false")
                    .hasEntrySatisfying(
                            MetricsPort.UNAVAILABLE_PROPERTY, v -> assertThat(v).startsWith("port " + port + ": "));
        }
    }

    @Test
    void aFreePortOrPortZeroLeavesQuarkusAlone() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        int port = free;
        assertThat(MetricsPort.beforeBoot(
                        new String[] {"run"},
                        name -> name.equals("QUARKUS_HTTP_PORT")
                                ? Optional.of(String.valueOf(port))
                                : Optional.empty()))
                .isEmpty();
        assertThat(MetricsPort.beforeBoot(
                        new String[] {"run"},
                        name -> name.equals("quarkus.http.port") ? Optional.of("0") : Optional.empty()))
                .isEmpty();
    }

    /** A port setting that is not a port: run names it in one line (exit 2); help and report boot without a server. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            QUARKUS_HTTP_PORT | abc    | QUARKUS_HTTP_PORT 'abc' is not a port: give 0-65535 (0 picks a free one)
            QUARKUS_HTTP_PORT | 99999  | QUARKUS_HTTP_PORT '99999' is not a port: give 0-65535 (0 picks a free one)
            quarkus.http.port | -5     | -Dquarkus.http.port '-5' is not a port: give 0-65535 (0 picks a free one)
            """)
    void aPortSettingThatIsNotAPortIsNamedByTheCommand(String name, String value, String message) {
        Map<String, Optional<String>> env = Map.of(name, Optional.of(value));

        assertThat(MetricsPort.beforeBoot(new String[] {"--records", "10"}, n -> env.getOrDefault(n, Optional.empty())))
                .containsEntry(MetricsPort.INVALID_PROPERTY, message)
                .containsEntry("quarkus.http.host-enabled", "false")
                .containsEntry("quarkus.http.port", "0");
        assertThat(MetricsPort.beforeBoot(new String[] {"--help"}, n -> env.getOrDefault(n, Optional.empty())))
                .isEqualTo(Map.of("quarkus.http.host-enabled", "false", "quarkus.http.port", "0"));
    }

    /** A blank value fails Quarkus's config validation (SRCFG00040), even for --help: named by us instead. */
    @Test
    void aBlankPortIsNamedToo() {
        assertThat(MetricsPort.beforeBoot(
                        new String[] {"run"},
                        name -> name.equals("QUARKUS_HTTP_PORT") ? Optional.of("") : Optional.empty()))
                .containsEntry(
                        MetricsPort.INVALID_PROPERTY,
                        "QUARKUS_HTTP_PORT '' is not a port: give 0-65535 (0 picks a free one)")
                .containsEntry("quarkus.http.port", "0");
    }
}
