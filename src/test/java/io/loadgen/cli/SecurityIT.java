package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.AppProcess;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SecureKafkaBroker;
import io.loadgen.testing.SecureKafkaBroker.Listener;
import io.loadgen.testing.Summary;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #7 item 6: SASL and TLS settings reach the producer from the environment alone, exactly as a Kubernetes
 * Secret ({@code envFrom}) or {@code docker run -e} hands them over, and work against a broker that demands them.
 * The records are counted back by a consumer that logs in itself. A wrong password fails fast with one line.
 */
@Timeout(300)
class SecurityIT {

    private static final SecureKafkaBroker BROKER = SecureKafkaBroker.get();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final int RECORDS = 3_000;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "SASL_PLAINTEXT, PLAIN",
        "SASL_PLAINTEXT, SCRAM-SHA-256",
        "SASL_PLAINTEXT, SCRAM-SHA-512",
        "SASL_SSL, SCRAM-SHA-512"
    })
    void credentialsFromEnvAloneReachTheBroker(Listener listener, String mechanism) throws InterruptedException {
        Map<String, String> settings = BROKER.clientSettings(listener, mechanism);
        String topic = KafkaBroker.uniqueTopic("secure");

        try (AppProcess app = AppProcess.start(runEnv(settings, topic))) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(Summary.parse(app.stdout()).sent()).isEqualTo(RECORDS);
            assertThat(app.stdout())
                    .contains(
                            "security.protocol = " + listener.name(),
                            "sasl.mechanism = " + mechanism,
                            "sasl.jaas.config = [hidden]");
            assertNoSecret(app, settings);
        }
        assertThat(SecureKafkaBroker.countTopic(settings, topic)).isEqualTo(RECORDS);
    }

    /**
     * The Kubernetes Secret example's way to trust a private CA: the certificate inline as PEM, no trust store file
     * and no volume to mount.
     */
    @Test
    void aPemTrustStoreInlineInTheEnvironmentWorks() throws InterruptedException {
        Map<String, String> settings = new HashMap<>(BROKER.clientSettings(Listener.SASL_SSL, "SCRAM-SHA-256"));
        settings.keySet().removeIf(k -> k.startsWith("ssl."));
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.certificates", BROKER.stores().brokerCertificatePem);
        String topic = KafkaBroker.uniqueTopic("secure-pem");

        try (AppProcess app = AppProcess.start(runEnv(settings, topic))) {
            assertExitCode(app, ExitCodes.OK);
            assertThat(app.stdout())
                    .contains("ssl.truststore.certificates = [hidden]")
                    .doesNotContain("BEGIN CERTIFICATE");
            assertNoSecret(app, settings);
        }
        assertThat(SecureKafkaBroker.countTopic(BROKER.clientSettings(Listener.SASL_SSL, "SCRAM-SHA-256"), topic))
                .isEqualTo(RECORDS);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SASL_PLAINTEXT, PLAIN", "SASL_SSL, SCRAM-SHA-512"})
    void aWrongPasswordFailsFastWithOneLineAndNoPassword(Listener listener, String mechanism)
            throws InterruptedException {
        String wrong = "pw-wrong-" + BROKER.password().substring(3, 11);
        Map<String, String> settings = BROKER.clientSettings(listener, mechanism, wrong);

        try (AppProcess app = AppProcess.start(runEnv(settings, KafkaBroker.uniqueTopic("secure-denied")))) {
            assertThat(app.awaitStdoutLine(line -> line.startsWith("loadgen run "), RUN_TIMEOUT))
                    .as("started")
                    .isTrue();
            long started = System.nanoTime();

            assertExitCode(app, ExitCodes.RUN_FAILED);
            // well inside the 30 s --connect-timeout: a refusal is an answer, not a silence to wait out
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            List<String> errors =
                    app.stderr().lines().filter(l -> l.startsWith("loadgen: ")).toList();
            assertThat(errors).as(app.stderr()).hasSize(1);
            assertThat(errors.get(0)).contains("authentication", bootstrapOf(settings), mechanism);
            assertThat(app.stdout() + app.stderr()).doesNotContain(wrong).doesNotContain(BROKER.password());
        }
    }

    /** Without the trust store the broker's self-signed certificate is not trusted: proof that TLS is really checked. */
    @Test
    void anUntrustedBrokerCertificateFailsWithOneLine() throws InterruptedException {
        Map<String, String> settings = new HashMap<>(BROKER.clientSettings(Listener.SASL_SSL, "SCRAM-SHA-512"));
        settings.keySet().removeIf(k -> k.startsWith("ssl.truststore."));

        try (AppProcess app = AppProcess.start(runEnv(settings, KafkaBroker.uniqueTopic("secure-untrusted")))) {
            assertExitCode(app, ExitCodes.RUN_FAILED);
            List<String> errors =
                    app.stderr().lines().filter(l -> l.startsWith("loadgen: ")).toList();
            assertThat(errors).as(app.stderr()).hasSize(1);
            assertThat(errors.get(0)).contains("refused the TLS handshake", "security.protocol=SASL_SSL");
            assertNoSecret(app, settings);
        }
    }

    /** 'report' and 'verify' read with the same env; a refusal there is one line and exit 1 as well. */
    @ParameterizedTest
    @ValueSource(strings = {"report", "verify"})
    void readingCommandsFailWithOneLineOnAWrongPassword(String command) throws InterruptedException {
        String wrong = "pw-wrong-" + BROKER.password().substring(3, 11);
        Map<String, String> env = new HashMap<>(
                SecureKafkaBroker.asEnv(BROKER.clientSettings(Listener.SASL_PLAINTEXT, "SCRAM-SHA-256", wrong)));
        env.put("LOADGEN_TOPIC", KafkaBroker.uniqueTopic("secure-read-denied"));

        try (AppProcess app = AppProcess.start(env, command, "--run-id", "nobody")) {
            assertExitCode(app, ExitCodes.RUN_FAILED);
            assertThat(app.stderr()
                            .lines()
                            .filter(l -> l.startsWith("loadgen: "))
                            .toList())
                    .as(app.stderr())
                    .containsExactly(
                            "loadgen: Kafka refused authentication: Authentication failed during authentication due to "
                                    + "invalid credentials with SASL mechanism SCRAM-SHA-256");
            assertThat(app.stdout() + app.stderr()).doesNotContain(wrong).doesNotContain(BROKER.password());
        }
    }

    /** The run's env: the client settings as {@code KAFKA_*} variables, and the workload as {@code LOADGEN_*} ones. */
    private static Map<String, String> runEnv(Map<String, String> settings, String topic) {
        Map<String, String> env = new HashMap<>(SecureKafkaBroker.asEnv(settings));
        env.putAll(Map.of(
                "LOADGEN_TOPIC",
                topic,
                "LOADGEN_CREATE_TOPIC",
                "true",
                "LOADGEN_RECORDS",
                String.valueOf(RECORDS),
                "LOADGEN_CONNECT_TIMEOUT",
                "30s"));
        return env;
    }

    private static String bootstrapOf(Map<String, String> settings) {
        return settings.get("bootstrap.servers");
    }

    private static void assertNoSecret(AppProcess app, Map<String, String> settings) {
        for (String secret : List.of(BROKER.password(), settings.get("sasl.jaas.config"))) {
            assertThat(app.stdout()).doesNotContain(secret);
            assertThat(app.stderr()).doesNotContain(secret);
        }
    }

    private static void assertExitCode(AppProcess app, int expected) throws InterruptedException {
        int exit = app.waitFor(RUN_TIMEOUT);
        assertThat(exit)
                .as("exit code; stdout:\n%s\nstderr:\n%s", app.stdout(), app.stderr())
                .isEqualTo(expected);
        Summary.assertNoStackTrace(app.stdout(), app.stderr());
    }
}
