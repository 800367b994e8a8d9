package io.loadgen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed key and trust stores for a TLS listener on localhost, made at test time with the JDK's own
 * {@code keytool} (no certificate library needed, nothing checked in that could expire). One key pair for the broker
 * (its certificate names {@code localhost} and {@code 127.0.0.1}, so the client's default hostname verification
 * passes) and one for the client, each trusted by the other side.
 *
 * <p>The client's stores have three different, distinctive passwords (key store, key, trust store), so a test that
 * searches output for them can tell which one leaked. Its key store is JKS because PKCS12 in the JDK cannot hold a
 * key password that differs from the store password, and {@code ssl.key.password} is a secret worth testing.
 */
public final class TlsStores {

    private static final String BROKER_STORE_PASSWORD = "broker-store-password";

    public final Path brokerKeystore;
    public final Path brokerTruststore;
    public final Path clientKeystore;
    public final Path clientTruststore;
    public final String clientKeystorePassword = "ks-" + UUID.randomUUID();
    public final String clientKeyPassword = "key-" + UUID.randomUUID();
    public final String clientTruststorePassword = "ts-" + UUID.randomUUID();
    /** The broker's certificate as PEM, for {@code ssl.truststore.type=PEM} with inline certificates. */
    public final String brokerCertificatePem;

    private TlsStores(Path dir) throws IOException {
        brokerKeystore = dir.resolve("broker.keystore.p12");
        brokerTruststore = dir.resolve("broker.truststore.p12");
        clientKeystore = dir.resolve("client.keystore.jks");
        clientTruststore = dir.resolve("client.truststore.p12");
        Path brokerCert = dir.resolve("broker.pem");
        Path clientCert = dir.resolve("client.pem");

        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                brokerKeystore.toString(),
                "-storepass",
                BROKER_STORE_PASSWORD,
                "-keypass",
                BROKER_STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                brokerKeystore.toString(),
                "-storepass",
                BROKER_STORE_PASSWORD,
                "-file",
                brokerCert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                brokerCert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                clientTruststore.toString(),
                "-storepass",
                clientTruststorePassword);

        keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=loadgen",
                "-storetype",
                "JKS",
                "-keystore",
                clientKeystore.toString(),
                "-storepass",
                clientKeystorePassword,
                "-keypass",
                clientKeyPassword);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "client",
                "-keystore",
                clientKeystore.toString(),
                "-storepass",
                clientKeystorePassword,
                "-file",
                clientCert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "client",
                "-file",
                clientCert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                brokerTruststore.toString(),
                "-storepass",
                BROKER_STORE_PASSWORD);

        brokerCertificatePem =
                Files.readString(brokerCert, StandardCharsets.US_ASCII).strip();
    }

    /** New stores in a fresh directory under {@code dir}. */
    public static TlsStores create(Path dir) {
        try {
            return new TlsStores(Files.createDirectories(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String brokerStorePassword() {
        return BROKER_STORE_PASSWORD;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // keytool takes well under a second; 60 s allows for a machine busy with other builds
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0)
            throw new IOException("keytool " + args[0] + " failed (" + p.exitValue() + "): " + output);
    }
}
