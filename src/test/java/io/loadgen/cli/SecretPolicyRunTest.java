package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 6 and 7 through the real command against a real broker: secrets under names Kafka does not know are
 * printed nowhere (stdout, stderr, --summary-json), and input refused at the start exits 2 with one line, the
 * secret in it never shown.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class SecretPolicyRunTest {

    private static final List<String> SECRETS = List.of("alice:s3cret-7Q", "bob:pw-8R", "xyz-plugin-9S");

    @TempDir
    Path dir;

    @Test
    void secretsUnderNamesKafkaDoesNotKnowAreHiddenEverywhere(QuarkusMainLauncher launcher) throws IOException {
        String topic = KafkaBroker.uniqueTopic("secret-policy");
        Path json = dir.resolve("summary.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "200",
                "--summary-json",
                json.toString(),
                "--producer-property",
                "basic.auth.user.info=alice:s3cret-7Q",
                "--producer-property",
                "schema.registry.url=https://bob:pw-8R@127.0.0.1:1/",
                "--producer-property",
                "my.plugin.auth=xyz-plugin-9S");

        assertThat(run.exitCode())
                .as("stderr:\n%s\nstdout:\n%s", run.getErrorOutput(), run.getOutput())
                .isZero();
        String summary = Files.readString(json);
        for (String secret : SECRETS) {
            assertThat(run.getOutput()).as("stdout").doesNotContain(secret);
            assertThat(run.getErrorOutput()).as("stderr").doesNotContain(secret);
            assertThat(summary).as("--summary-json").doesNotContain(secret);
        }
        // the settings are there, masked: the search above had something to search
        assertThat(run.getOutput())
                .contains(
                        "basic.auth.user.info = [hidden]",
                        "my.plugin.auth = [hidden]",
                        "schema.registry.url = https://***@127.0.0.1:1/");
        assertThat(summary)
                .contains(
                        "\"basic.auth.user.info\" : \"[hidden]\"",
                        "\"my.plugin.auth\" : \"[hidden]\"",
                        "\"schema.registry.url\" : \"https://***@127.0.0.1:1/\"");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }

    /** Was "Failed to construct kafka producer", exit 1, no cause. */
    @Test
    void aMalformedJaasConfigExitsTwoWithTheParsersReasonAndNotTheSecret(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch(
                "--topic",
                KafkaBroker.uniqueTopic("jaas"),
                "--records",
                "10",
                "--producer-property",
                "security.protocol=SASL_PLAINTEXT",
                "--producer-property",
                "sasl.mechanism=PLAIN",
                "--producer-property",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"alice\" password=\"s3cret-7Q\"");

        assertThat(run.exitCode()).as("stderr:\n%s", run.getErrorOutput()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .isEqualTo(
                        "loadgen: --producer-property sasl.jaas.config takes a JAAS login module entry (LoginModuleClass "
                                + "required key=\"value\" ...;), and Kafka's parser refuses this one: JAAS config entry not terminated by "
                                + "semi-colon (the value is secret and not shown)");
        assertThat(run.getOutput() + run.getErrorOutput()).doesNotContain("s3cret-7Q");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }

    /** What the command line matched is known in the real command too (picocli's parse result of the subcommand). */
    @Test
    void contradictingOptionsOnTheCommandLineExitTwo(QuarkusMainLauncher launcher) throws IOException {
        Path lines = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\n");

        LaunchResult run =
                launcher.launch("--topic", "bad topic", "--payload", "fixed", "--payload-file", lines.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .startsWith("loadgen: --topic takes a Kafka topic name");
        LaunchResult conflict = launcher.launch("--payload", "fixed", "--payload-file", lines.toString());
        assertThat(conflict.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(conflict.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .isEqualTo(
                        "loadgen: --payload fixed and --payload-file are alternatives (--payload-file implies --payload file); give one");
    }
}
