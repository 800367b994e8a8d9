package io.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A {@link Comparison} as JSON ({@code loadgen compare --json}): the same figures and verdicts as the table. */
public final class ComparisonJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonJson() {}

    /**
     * @param verdict       {@code regressed}, {@code passed} (judged, nothing regressed), {@code not-comparable}
     *                      (judged, refused) or {@code compared} (nothing judged)
     * @param maxRegression the limits as given, or null
     * @param regressions   the lines naming each regression
     */
    public record Document(
            String verdict,
            String maxRegression,
            Side baseline,
            Side candidate,
            List<String> notComparable,
            List<String> differences,
            List<String> notes,
            List<Figure> figures,
            List<String> regressions) {}

    public record Side(String file, String runId, String status, String startedAt, String loadgenVersion) {

        static Side of(Comparison.Side s) {
            ResultJson.Document d = s.summary();
            return new Side(
                    s.file(),
                    d.runId(),
                    d.status(),
                    d.startedAt(),
                    d.runCard() == null ? null : d.runCard().loadgenVersion());
        }
    }

    /**
     * One figure. {@code changePercent} is null when a side lacks the figure and when the baseline's is 0.
     *
     * @param worse        {@code lower}, {@code higher} or {@code none}: which way the figure gets worse
     * @param limitPercent the limit it was judged by, or null
     * @param verdict      {@code same}, {@code better}, {@code worse}, {@code within-limit}, {@code regressed},
     *                     {@code n/a}, or {@code shown} for a figure without a direction
     */
    public record Figure(
            String figure,
            String label,
            Double baseline,
            Double candidate,
            Double changePercent,
            String worse,
            Double limitPercent,
            String verdict) {

        static Figure of(Comparison.Row r) {
            Double change = r.changePercent();
            Comparison.Verdict v = r.verdict();
            return new Figure(
                    r.figure().key(),
                    r.figure().label(),
                    r.baseline(),
                    r.candidate(),
                    change == null || change.isInfinite() ? null : change,
                    r.figure().worse().name().toLowerCase(Locale.ROOT),
                    r.limit(),
                    v == Comparison.Verdict.SHOWN
                            ? "shown"
                            : v.name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace("not_available", "n/a")
                                    .replace('_', '-'));
        }
    }

    public static Document document(Comparison c, String verdict) {
        return new Document(
                verdict,
                c.limits().any() ? c.limits().describe() : null,
                Side.of(c.baseline()),
                Side.of(c.candidate()),
                c.comparability().notComparable(),
                c.comparability().differences(),
                c.notes(),
                c.rows().stream().map(Figure::of).toList(),
                c.regressions());
    }

    public static void write(Comparison c, String verdict, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, MAPPER.writeValueAsString(document(c, verdict)) + "\n");
    }
}
