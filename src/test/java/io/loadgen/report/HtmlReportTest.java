package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.SloGates;
import io.loadgen.stats.LatencyHistograms;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.Timeline;
import io.loadgen.testing.HeadlessChromium;
import io.loadgen.watch.GroupReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the HTML report as a page, made from results built here (the pages of real runs and a real fleet are
 * opened by {@code cli.HtmlReportRunTest}): every section there, nothing loaded from anywhere, nothing a value holds
 * able to break out of its place, and in a real browser every chart drawn.
 */
@Timeout(120)
class HtmlReportTest {

    private static final long START = 1_764_650_000_000L;
    private static final Pattern NETWORK = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");

    @TempDir
    Path dir;

    @Test
    void aPacedFleetPageHasEverySectionAndLoadsNothing() {
        RunResult fleet = shard(0, 1_000).plus(shard(1, 1_000)).withStopReason("each shard: duration reached");
        GateReport gates = GateReport.evaluate(new SloGates(0.01, 1_500.0, Duration.ofMillis(4), null), fleet);

        String page = HtmlReport.html(fleet, gates, List.of(group()), shards());

        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("loadgen fleet report: run fleet-1, 2 shards")
                .contains("<span class=\"status completed\">COMPLETED</span> each shard: duration reached")
                .contains("records/s")
                .contains("p99 latency, from the intended send time")
                .contains("<span class=\"verdict pass\">PASS</span></td><td>max-error-rate")
                .contains("<span class=\"verdict fail\">FAIL</span></td><td>max-p99-latency")
                .contains("over by")
                .contains("id=\"chart-throughput\"", "id=\"chart-latency\"", "id=\"chart-errors\"")
                .contains("id=\"chart-distribution\"", "id=\"chart-partitions\"")
                .contains("id=\"chart-lag-records\"", "id=\"chart-lag-seconds\"", "id=\"chart-consumed\"")
                .contains("<h2>Shards</h2>", "<td>0/2</td>", "<td>1/2</td>")
                .contains("<h2>Settings</h2>", "<th>acks</th><td>all</td>");
        assertThat(NETWORK.matcher(page).find()).as("no src/href to anywhere").isFalse();
        assertThat(page).doesNotContain("@import", "url(", "fetch(", "XMLHttpRequest", "<link", "<iframe");
    }

    @Test
    void valuesCannotEndTheScriptOrAddMarkup() {
        String attack = "</script><script>document.body.dataset.rendered='owned'</script><b>x</b>";
        RunResult r = Results.from(shard(0, 1_000))
                .settings(Map.of("topic", attack))
                .errors(Map.of(attack, 1L))
                .build();

        String page = HtmlReport.html(r, GateReport.evaluate(SloGates.NONE, r), List.of(), List.of());

        assertThat(page).doesNotContain(attack).contains("&lt;/script&gt;&lt;script&gt;");
        assertThat(page.split("</script>", -1))
                .as("only the page's own two scripts end")
                .hasSize(3);
        assertThat(ReportData.json(Map.of("k", attack))).doesNotContain("<", ">", "&");
    }

    /** A fixed 4,000-byte record reads 4,000 everywhere on the page, as in the summary; not HdrHistogram's 4,001. */
    @Test
    void aFixedRecordSizeReadsTheSameInEveryColumn() {
        Histogram sizes = RecordShape.newSizeHistogram();
        sizes.recordValueWithCount(4_000, 500);
        RunResult fixed = Results.builder()
                .runId("fixed")
                .sent(500)
                .measuredSent(500)
                .sendToAckLatency(latencies(2_000))
                .shape(new RecordShape(sizes, new long[] {500}))
                .build();

        String page = HtmlReport.html(fixed, GateReport.evaluate(SloGates.NONE, fixed), List.of(), List.of());

        assertThat(page)
                .contains("<tr><td>record values made</td>" + "<td class=\"num\">4,000</td>".repeat(6)
                        + "<td class=\"num\">500</td></tr>")
                .doesNotContain("4,001");
    }

    @Test
    void anUnpacedRunWithoutATimelineStillMakesAPageThatSaysWhy() {
        RunResult old = Results.builder()
                .runId("old")
                .sent(10)
                .measuredSent(10)
                .sendToAckLatency(latencies(2_000))
                .build();

        String page = HtmlReport.html(old, GateReport.evaluate(SloGates.NONE, old), List.of(), List.of());

        assertThat(page)
                .contains("loadgen run old")
                .contains("holds no figures per interval")
                .doesNotContain(
                        "<h2>SLO gates</h2>", "id=\"chart-lag-records\"", "<h2>Shards</h2>", "id=\"chart-partitions\"");
    }

    @Test
    void inABrowserEveryChartDrawsItsPointsAndThePageIsNotBlank() throws Exception {
        HeadlessChromium.assumeInstalled();
        RunResult fleet = shard(0, 1_000).plus(shard(1, 1_000));
        Path page = dir.resolve("fleet.html");
        HtmlReport.write(fleet, GateReport.evaluate(SloGates.NONE, fleet), List.of(group()), shards(), page);

        HeadlessChromium.Rendered drawn = HeadlessChromium.rendered(HeadlessChromium.dumpDom(page));

        assertThat(drawn.errors()).as("script errors").isNull();
        assertThat(drawn.rendered()).isEqualTo("ok");
        assertThat(drawn.charts())
                .as("throughput, latency, errors, 3 of lag, distribution, partitions")
                .hasSize(8);
        assertThat(drawn.charts()).allSatisfy(c -> assertThat(c.points()).isPositive());
        Path png = dir.resolve("fleet.png");
        HeadlessChromium.screenshot(page, png, 1280, 2400);
        assertThat(HeadlessChromium.colours(png, 50))
                .as("distinct colours: not a blank page")
                .isGreaterThanOrEqualTo(50);
    }

    /** A shard's result of 20 s at its target, with one burst of errors and one slow interval. */
    static RunResult shard(int index, double target) {
        Histogram ack = latencies(1_500);
        Histogram intended = latencies(2_500);
        List<Timeline.Interval> intervals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long slow = i == 12 ? 40_000 : 0;
            intervals.add(new Timeline.Interval(
                    START + index * 7L + i * 1_000L,
                    START + index * 7L + (i + 1) * 1_000L,
                    (long) target - (i == 12 ? 300 : 0),
                    i == 12 ? 25 : 0,
                    i == 12 ? Map.of("TimeoutException", 25L) : Map.of(),
                    target,
                    new Timeline.Percentiles(1_000, 1_200, 1_600, 2_400 + slow, 3_900 + slow, 5_000 + slow),
                    new Timeline.Percentiles(1_000, 2_000, 2_600, 3_400 + slow, 6_900 + slow, 9_000 + slow),
                    new Timeline.Percentiles(1_000, 20, 40, 90, 400, 900)));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("topic", "logs");
        settings.put("rate", "2k");
        settings.put("producer", Map.of("acks", "all", "sasl.jaas.config", "[hidden]"));
        Histogram sizes = RecordShape.newSizeHistogram();
        for (int v = 200; v < 900; v += 3) sizes.recordValue(v);
        return Results.builder()
                .runId("fleet-1")
                .stopReason("duration reached")
                .startEpochMillis(START + index * 7L)
                .measuredStartEpochMillis(START + index * 7L + 2_000)
                .endEpochMillis(START + index * 7L + 20_000)
                .sent(19_700)
                .measuredSent(17_700)
                .failed(25)
                .measuredFailed(25)
                .errors(Map.of("TimeoutException", 25L))
                .sendToAckLatency(ack)
                .intendedLatency(intended)
                .scheduleDelay(latencies(50))
                .settings(settings)
                .shape(new RecordShape(sizes, new long[] {6_000, 6_500, 7_200}))
                .timeline(new Timeline(index, 1_000, intervals, List.of()))
                .build();
    }

    private static List<HtmlReport.Shard> shards() {
        return List.of(new HtmlReport.Shard("0/2", shard(0, 1_000)), new HtmlReport.Shard("1/2", shard(1, 1_000)));
    }

    /** Values around {@code typical} microseconds with a tail to 30 times it. */
    private static Histogram latencies(long typical) {
        Histogram h = LatencyHistograms.empty();
        for (int i = 0; i < 10_000; i++) h.recordValue(typical + (i % 100) * typical / 100);
        for (int i = 0; i < 100; i++) h.recordValue(typical * (3 + i % 27));
        return h;
    }

    private static GroupReport group() {
        List<GroupReport.LagPoint> points = new ArrayList<>();
        for (int t = 0; t <= 24; t++) {
            long produced = 2_000L * Math.min(t, 20), consumed = Math.min(produced, 1_700L * t);
            points.add(new GroupReport.LagPoint(
                    t, produced - consumed, (produced - consumed) / 2_000.0, produced, consumed));
        }
        return new GroupReport(
                "ingestor",
                GroupReport.Verdict.FELL_BEHIND,
                null,
                40_000,
                1_666,
                6_000,
                3.0,
                0,
                3.5,
                4.0,
                2_000,
                1_700,
                points);
    }
}
