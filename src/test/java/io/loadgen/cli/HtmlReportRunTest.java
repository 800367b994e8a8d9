package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadgen.report.HistogramLog;
import io.loadgen.testing.HeadlessChromium;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 through the real commands against the real broker: {@code run --report-html --histogram-log} of a paced run,
 * and {@code report --report-html} of a fleet's shard results. The histogram log reads back with HdrHistogram's own
 * reader and adds up to the summary; the pages hold no secret and load nothing, and in a real browser (headless
 * Chromium; skipped with the reason where it is not installed) every chart draws.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(300)
class HtmlReportRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRETS = List.of("s3cret-7Q", "alice:pw-8R");
    private static final Pattern NETWORK = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");

    @TempDir
    Path dir;

    @Test
    void aPacedRunWritesItsPageAndAHistogramLogThatAddsUpToTheSummary(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("html-report");
        Path page = dir.resolve("run.html");
        Path log = dir.resolve("run.hlog");
        Path json = dir.resolve("summary.json");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--partitions",
                "3",
                "--rate",
                "2000",
                "--duration",
                "6s",
                "--warmup",
                "1s",
                "--report-interval",
                "1s",
                "--report-html",
                page.toString(),
                "--histogram-log",
                log.toString(),
                "--summary-json",
                json.toString(),
                "--producer-property",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"alice\" password=\"s3cret-7Q\";",
                "--producer-property",
                "basic.auth.user.info=alice:pw-8R");

        assertThat(run.exitCode())
                .as("stderr:\n%s\nstdout:\n%s", run.getErrorOutput(), run.getOutput())
                .isZero();
        assertThat(run.getOutput()).contains("report written to " + page, "histogram log written to " + log);
        JsonNode summary = JSON.readTree(json.toFile());
        long measured = summary.path("records").path("measured").asLong();
        assertThat(summary.path("records").path("warmup").asLong())
                .as("a warm-up to leave out")
                .isPositive();

        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> lastStart = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                String tag = h.getTag();
                assertThat(h.getStartTimeStamp())
                        .as("%s intervals follow each other", tag)
                        .isGreaterThanOrEqualTo(lastStart.getOrDefault(tag, 0L));
                assertThat(h.getEndTimeStamp()).isGreaterThanOrEqualTo(h.getStartTimeStamp());
                lastStart.put(tag, h.getStartTimeStamp());
                counts.merge(tag, ((org.HdrHistogram.Histogram) h).getTotalCount(), Long::sum);
            }
        }
        assertThat(counts)
                .containsOnlyKeys(HistogramLog.SEND_TO_ACK, HistogramLog.INTENDED, HistogramLog.SCHEDULE_DELAY);
        assertThat(counts.get(HistogramLog.SEND_TO_ACK))
                .as("every measured record once, the warm-up's not")
                .isEqualTo(measured);
        assertThat(counts.get(HistogramLog.INTENDED)).isEqualTo(measured);
        assertThat(lastStart.get(HistogramLog.SEND_TO_ACK))
                .as("absolute times: the reader adds the log's base time")
                .isGreaterThan(1_700_000_000_000L);
        assertThat(Files.readString(log)).contains("#[StartTime: ", "#[BaseTime: ", "Tag=send-to-ack,");

        String html = Files.readString(page);
        for (String secret : SECRETS) assertThat(html).as("the page").doesNotContain(secret);
        assertThat(html).contains("<th>sasl.jaas.config</th><td>[hidden]</td>");
        assertThat(NETWORK.matcher(html).find()).as("no src/href to anywhere").isFalse();
        assertThat(html).contains("loadgen run ", "COMPLETED", "from the intended send time");

        HeadlessChromium.assumeInstalled();
        HeadlessChromium.Rendered drawn = HeadlessChromium.rendered(HeadlessChromium.dumpDom(page));
        assertThat(drawn.errors()).as("script errors").isNull();
        assertThat(drawn.rendered()).isEqualTo("ok");
        assertThat(drawn.charts())
                .as("throughput, latency, errors, distribution, partitions")
                .hasSize(5);
        assertThat(drawn.charts().get(2).empty()).as("the errors chart").isEqualTo("no errors");
        assertThat(drawn.charts())
                .filteredOn(c -> c.empty() == null)
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.points()).isPositive());
        assertThat(drawn.charts().get(0).points())
                .as("throughput and target: two points a second or more")
                .isGreaterThanOrEqualTo(12);
        assertNotBlank(page);
    }

    @Test
    void aFleetReportPageShowsEachShard(QuarkusMainLauncher launcher) throws Exception {
        String runId = "html-fleet-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = KafkaBroker.uniqueTopic("html-fleet");
        Path a = shard(launcher, runId, topic, 0);
        Path b = shard(launcher, runId, topic, 1);
        Path page = dir.resolve("fleet.html");

        LaunchResult report = launcher.launch("report", a.toString(), b.toString(), "--report-html", page.toString());

        assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();
        assertThat(Summary.parse(report.getOutput()).sent()).isEqualTo(4_000);
        String html = Files.readString(page);
        assertThat(html)
                .contains("loadgen fleet report: run " + runId + ", 2 shards")
                .contains("<td>0/2</td>", "<td>1/2</td>");
        assertThat(NETWORK.matcher(html).find()).isFalse();
        LaunchResult onItself = launcher.launch("report", a.toString(), "--report-html", a.toString());
        assertThat(onItself.exitCode()).isEqualTo(ExitCodes.USAGE);

        HeadlessChromium.assumeInstalled();
        HeadlessChromium.Rendered drawn = HeadlessChromium.rendered(HeadlessChromium.dumpDom(page));
        assertThat(drawn.errors()).as("script errors").isNull();
        assertThat(drawn.rendered()).isEqualTo("ok");
        assertThat(drawn.charts())
                .filteredOn(c -> c.empty() == null)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.points()).isPositive());
        assertThat(drawn.charts())
                .filteredOn(c -> c.empty() != null)
                .extracting(HeadlessChromium.Chart::empty)
                .containsOnly("no errors");
        assertNotBlank(page);
    }

    private void assertNotBlank(Path page) throws IOException, InterruptedException {
        Path png = dir.resolve(page.getFileName() + ".png");
        HeadlessChromium.screenshot(page, png, 1280, 2400);
        assertThat(HeadlessChromium.colours(png, 50))
                .as("distinct colours: not a blank page")
                .isGreaterThanOrEqualTo(50);
    }

    /** A paced shard of two, run on its own (no barrier, nothing published), its result in a file. */
    private Path shard(QuarkusMainLauncher launcher, String runId, String topic, int index) {
        Path file = dir.resolve(runId + "-" + index + ".json");
        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "4000",
                "--rate",
                "2000",
                "--report-interval",
                "500ms",
                "--run-id",
                runId,
                "--shard-count",
                "2",
                "--shard-index",
                String.valueOf(index),
                "--barrier",
                "false",
                "--publish-result",
                "false",
                "--fleet-report",
                "false",
                "--result-file",
                file.toString());
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
        return file;
    }
}
