package io.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunCard;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The verdicts and the comparability of {@code loadgen compare}, on variations of the baseline fixture. */
class ComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSummaryWrittenByThisVersionReadsBackWithItsRunCard() throws IOException {
        RunCard card = new RunCard(
                "1.2.3",
                new RunCard.Machine("JVM", "21", "vm", "AMD EPYC", 2, 1.5, 1_073_741_824L),
                new RunCard.Cluster(1, "metadata.version 4.1-IV1", "logs", 6, 1));
        String written = ResultJson.toJson(
                Results.from(ReportFixtures.result()).runCard(card).build(), ReportFixtures.NO_GATES);

        ResultJson.Document read = ResultJson.read(written);

        assertThat(read.runCard().topic().partitions()).isEqualTo(6);
        assertThat(JSON.readTree(JSON.writeValueAsString(read)))
                .as("every field read back as written")
                .isEqualTo(JSON.readTree(written));
    }

    @Test
    void failuresWhereTheBaselineHadNoneRegressWithoutAPercentage() throws IOException {
        Comparison c = compare(
                d -> {},
                d -> {
                    ((ObjectNode) d.path("records")).put("failed", 12).put("errorRate", 0.0000133);
                },
                "5%");

        assertThat(c.regressions())
                .containsExactly(
                        "error rate regressed (0% -> 0.0013%; the baseline's was 0), over --max-regression 5%");
        assertThat(ComparisonTable.text(c)).containsPattern("error rate +0% +0\\.0013% +from 0 +REGRESSED \\(5%\\)");
    }

    @Test
    void aCandidateThatDidNotCompleteRegressedWhateverItsFigures() throws IOException {
        Comparison c = compare(
                d -> {},
                d -> d.put("status", "INCOMPLETE").put("stopReason", "duration reached; 12 records unconfirmed"),
                "50%");

        assertThat(c.notes())
                .containsExactly("the candidate ended INCOMPLETE (duration reached; 12 records unconfirmed)");
        assertThat(c.regressions())
                .containsExactly("the candidate ended INCOMPLETE (duration reached; 12 records unconfirmed), the"
                        + " baseline COMPLETED");
    }

    @Test
    void workloadFleetAndMachineDifferencesAreNotComparableVersionsOnlyDiffer() throws IOException {
        Comparison c = compare(
                d -> {},
                d -> {
                    ObjectNode settings = (ObjectNode) d.path("settings");
                    settings.put("shard", "0/4 (Message numbers from 0)").put("rate", 5000.0);
                    ((ObjectNode) settings.path("producer"))
                            .put("acks", "1")
                            .put("bootstrap.servers", "elsewhere:9092")
                            .put("ssl.truststore.location", "/etc/other");
                    ((ObjectNode) d.path("recordSizeBytes")).put("mean", 1024.0);
                    ObjectNode card = (ObjectNode) d.path("runCard");
                    card.put("cores", 8)
                            .put("containerCpuLimit", 4.0)
                            .put("runtime", "native")
                            .put("brokers", 3)
                            .put("brokerVersion", "metadata.version 4.0-IV3");
                    card.putNull("cpuModel");
                },
                null);

        assertThat(c.comparability().notComparable())
                .containsExactly(
                        "shards 1 vs 4",
                        "rate 20000.0 vs 5000.0",
                        "acks all vs 1",
                        "record size mean 212.3 B vs 1,024.0 B",
                        "brokers 1 vs 3",
                        "cores 2 vs 8",
                        "container CPU limit none vs 4");
        assertThat(c.comparability().differences())
                .containsExactly(
                        "runtime JVM vs native", "broker metadata.version 4.1-IV1 vs metadata.version 4.0-IV3");
    }

    /** A fleet report's settings say {@code shards = 4} (the fleet's size), a shard's own {@code shard = 0/4}. */
    @Test
    void aFleetReportsSizeIsItsShardsSetting() throws IOException {
        Comparison againstOne = compare(d -> {}, d -> ((ObjectNode) d.path("settings")).put("shards", 4), null);
        assertThat(againstOne.comparability().notComparable()).containsExactly("shards 1 vs 4");

        Comparison fleets = compare(
                d -> ((ObjectNode) d.path("settings")).put("shards", 4),
                d -> ((ObjectNode) d.path("settings")).put("shards", 4),
                null);
        assertThat(fleets.comparability().comparable()).isTrue();

        // A kept baseline from before fleet reports showed the fleet's totals: shard 0's share, and its place.
        Comparison olderBaseline = compare(
                d -> ((ObjectNode) d.path("settings"))
                        .put("shard", "0/4 (Message numbers from 0)")
                        .put("rate", 5000.0),
                d -> ((ObjectNode) d.path("settings")).put("shards", 4),
                null);
        assertThat(olderBaseline.comparability().notComparable())
                .containsExactly(
                        "the baseline's settings are one shard's share of the fleet of 4 (a shard's own summary, or a"
                                + " fleet summary of an earlier loadgen), the candidate's the fleet's: compare fleet"
                                + " summaries of one version",
                        "rate 5000.0 vs 20000.0");
    }

    @Test
    void aSummaryWithoutARunCardIsComparedOnItsSettingsAlone() throws IOException {
        Comparison c = compare(d -> d.remove("runCard"), d -> {}, "5%");

        assertThat(c.comparability().comparable()).isTrue();
        assertThat(c.comparability().differences())
                .containsExactly("only the candidate has a run card (the other is from an older loadgen): machine and"
                        + " cluster not checked");
    }

    @Test
    void anUnpacedRunHasNoRowsOfLatencyFromTheIntendedTime() throws IOException {
        Comparison c = compare(d -> d.putNull("intendedLatencyMs"), d -> d.putNull("intendedLatencyMs"), null);

        assertThat(c.rows()).extracting(r -> r.figure().key()).doesNotContain("intended-p99");
        assertThat(c.rows()).extracting(r -> r.figure().key()).contains("p99", "throughput", "cpu");
    }

    @Test
    void textThatIsNotASummaryIsNamedForWhatItIs() {
        assertThatThrownBy(() -> ResultJson.read("[1, 2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> ResultJson.read("{\"runId\": \"x\"}"))
                .hasMessage("not a loadgen summary (no 'status' field)");
    }

    @Test
    void limitsApplyToEveryJudgedFigureButTheMaximumUnlessNamed() {
        RegressionLimits limits = new RegressionLimits(5.0, Map.of("p99", 10.0));

        assertThat(limits.limit(Comparison.Figure.SEND_TO_ACK_P99)).isEqualTo(10.0);
        assertThat(limits.limit(Comparison.Figure.THROUGHPUT)).isEqualTo(5.0);
        assertThat(limits.limit(Comparison.Figure.SEND_TO_ACK_MAX)).isNull();
        assertThat(limits.describe()).isEqualTo("5%,p99=10%");
        assertThat(limits.describe(Comparison.Figure.SEND_TO_ACK_P99)).isEqualTo("p99=10%");
    }

    private static Comparison compare(Consumer<ObjectNode> baseline, Consumer<ObjectNode> candidate, String all)
            throws IOException {
        ObjectNode b = fixture();
        ObjectNode c = fixture();
        baseline.accept(b);
        candidate.accept(c);
        RegressionLimits limits = all == null
                ? RegressionLimits.NONE
                : new RegressionLimits(Double.parseDouble(all.replace("%", "")), Map.of());
        return Comparison.of(
                new Comparison.Side("base.json", ResultJson.read(b.toString())),
                new Comparison.Side("cand.json", ResultJson.read(c.toString())),
                limits);
    }

    private static ObjectNode fixture() throws IOException {
        try (InputStream in = ComparisonTest.class.getResourceAsStream("/compare/baseline.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
