package io.loadgen.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.SeedRecord;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TopicReader.Message;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 against a real broker: every shipped template's records, read back from the topic, are what they imitate
 * (JSON that parses, access-log, syslog and CRI lines of their formats); sequence numbers stay unique across threads
 * and shards; a bad template is one line of bad input.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(180)
class TemplateRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** nginx "combined": $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" */
    private static final Pattern NGINX = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3} - \\S+ \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                    + "\"[A-Z]+ \\S+ HTTP/\\d(\\.\\d)?\" \\d{3} \\d+ \"[^\"]*\" \"[^\"]*\"");
    /** RFC 5424: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG */
    private static final Pattern SYSLOG = Pattern.compile(
            "<(\\d{1,3})>1 \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2}) \\S{1,255} "
                    + "\\S{1,48} \\S{1,128} \\S{1,32} (-|\\[.*]) .*");
    /** CRI container log: TIMESTAMP STREAM TAG MESSAGE */
    private static final Pattern CRI =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z (stdout|stderr) [FP] .*");

    @TempDir
    Path dir;

    @Test
    void everyShippedTemplatesRecordsAreWhatTheyImitate(QuarkusMainLauncher launcher) throws IOException {
        for (String name : List.of("seed", "nginx", "app-json", "syslog", "k8s")) {
            String topic = KafkaBroker.uniqueTopic("tpl-" + name);
            LaunchResult run = launcher.launch(
                    "--topic",
                    topic,
                    "--create-topic",
                    "--records",
                    "3000",
                    "--template",
                    name,
                    "--keys",
                    "zipf:100:1.1");
            assertThat(run.exitCode()).as(name + ": " + run.getErrorOutput()).isZero();
            Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
            assertThat(Summary.parse(run.getOutput()).sent()).isEqualTo(3_000);
            List<Message> messages = KafkaBroker.readTopic(topic);
            assertThat(messages).as(name).hasSize(3_000);
            int withStackTrace = 0;
            for (Message m : messages) {
                String v = m.valueText();
                switch (name) {
                    case "seed" -> SeedRecord.parse(m.value());
                    case "nginx" -> assertThat(v).matches(NGINX);
                    case "syslog" -> assertThat(v).matches(SYSLOG);
                    case "k8s" -> assertThat(v).matches(CRI);
                    case "app-json" -> {
                        JsonNode record = JSON.readTree(v);
                        if (record.has("stack_trace")) {
                            withStackTrace++;
                            assertThat(record.path("level").asText()).isEqualTo("ERROR");
                            assertThat(record.path("stack_trace").asText()).contains("\n\tat ");
                        }
                    }
                    default -> throw new AssertionError(name);
                }
                if (!name.equals("app-json"))
                    assertThat(v).as(name + ": one line").doesNotContain("\n");
            }
            if (name.equals("app-json"))
                assertThat(withStackTrace).as("ERROR lines with a stack trace").isPositive();
        }
    }

    @Test
    void sequenceNumbersAreUniqueAcrossThreadsAndShards(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("tpl-shards");
        String runId = "tpl-" + System.nanoTime();
        for (int shard = 0; shard < 2; shard++) {
            LaunchResult run = launcher.launch(
                    "--topic",
                    topic,
                    "--create-topic",
                    "--records",
                    "4000",
                    "--template",
                    "seed",
                    "--threads",
                    "2",
                    "--run-id",
                    runId,
                    "--shard-count",
                    "2",
                    "--shard-index",
                    String.valueOf(shard),
                    "--barrier",
                    "false",
                    "--publish-result",
                    "false",
                    "--fleet-report",
                    "false");
            assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
        }
        List<Message> messages = KafkaBroker.readTopic(topic);
        assertThat(messages).hasSize(4_000);
        BitSet numbers = new BitSet();
        for (Message m : messages) {
            int n = (int) SeedRecord.parse(m.value()).messageNumber();
            assertThat(numbers.get(n)).as("number %d twice", n).isFalse();
            numbers.set(n);
        }
        assertThat(numbers.nextClearBit(0)).as("exactly 0..3,999").isEqualTo(4_000);
    }

    @Test
    void aBadTemplateIsOneLineWithItsPlaceAndAJsonTemplateThatIsNotJsonIsRefused(QuarkusMainLauncher launcher)
            throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.log"), "ok {{time}}\nthen {{nosuch 3}} here\n");
        LaunchResult run = launcher.launch("--template", bad.toString(), "--records", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(loadgenLines(run)).hasSize(1);
        assertThat(run.getErrorOutput()).contains(bad + ":2:").contains("nosuch");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());

        Path notJson = Files.writeString(dir.resolve("level.json"), "{\"level\":{{choice INFO WARN}}}\n");
        LaunchResult refused = launcher.launch("--template", notJson.toString(), "--records", "10");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(loadgenLines(refused)).hasSize(1);
        assertThat(refused.getErrorOutput()).contains(notJson.toString()).containsPattern("\\{\"level\":(INFO|WARN)}");
        Summary.assertNoStackTrace(refused.getOutput(), refused.getErrorOutput());
    }

    @Test
    void templatesListsTheShippedOnesPrintsOneAndSamplesItsRecords(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult list = launcher.launch("templates");
        assertThat(list.exitCode()).isZero();
        for (String name : List.of("seed", "nginx", "app-json", "syslog", "k8s")) {
            assertThat(list.getOutput()).contains(name + ":");
        }
        assertThat(list.getOutput()).containsPattern("nginx:\\n  \\d{1,3}(\\.\\d{1,3}){3} - - \\[");

        LaunchResult text = launcher.launch("templates", "nginx");
        assertThat(text.exitCode()).isZero();
        assertThat(text.getOutput()).contains("{{ipv4}} - - [{{time clf}}]");
        Path copy = Files.writeString(dir.resolve("my-nginx.log"), text.getOutput());

        LaunchResult sample = launcher.launch("templates", "--sample", "3", copy.toString());
        assertThat(sample.exitCode()).as(sample.getErrorOutput()).isZero();
        assertThat(sample.getOutputStream())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).matches(NGINX));

        LaunchResult unknown = launcher.launch("templates", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(loadgenLines(unknown))
                .containsExactly("loadgen: NAME|FILE 'nosuch' is neither a file nor a shipped template (app-json, k8s, "
                        + "nginx, seed, syslog)");

        // a JSON template a run would refuse is refused here too, not sampled as if it were records
        Path notJson = Files.writeString(dir.resolve("mine.json"), "{\"level\":{{choice INFO WARN}},\"n\":{{seq}}}\n");
        LaunchResult invalid = launcher.launch("templates", "--sample", "2", notJson.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.getOutput()).isEmpty();
        assertThat(loadgenLines(invalid))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .startsWith("loadgen: " + notJson + ": record 1 of 1000 is not valid JSON (Unrecognized token 'INFO'")
                .endsWith("{\"level\":INFO,\"n\":0}");
    }

    /** The error lines; a usage error is followed by a pointer to --help. */
    private static List<String> loadgenLines(LaunchResult result) {
        return result.getErrorStream().stream()
                .filter(l -> l.startsWith("loadgen:"))
                .toList();
    }
}
