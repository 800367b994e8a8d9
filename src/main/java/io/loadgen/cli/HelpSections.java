package io.loadgen.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The option lists of {@code loadgen run --help} and {@code loadgen tune --help} in sections under a one-line heading
 * each, so that the producer settings or the gates can be found among some fifty options without reading them all.
 *
 * <p>A table of option names, not picocli argument groups: a group is a class of its own, so the options would have
 * to leave the mixins that declare them once for {@code run}, {@code tune} and {@code report}, and picocli creates a
 * group's object only when the command line gives one of its options. Here the options stay where they are, picocli
 * renders each one as before (with the "Default:" from {@link ConfigDefaultProvider}), and only the list is cut into
 * sections. The table also sets the order within a section. An option it does not name is still shown, under "Other
 * options" at the end; {@code HelpSectionsTest} fails for it, so that it gets a place. The small commands
 * ({@code report}, {@code verify}) keep one list.
 */
final class HelpSections {

    /** @param heading one line, shown with a colon after it */
    record Section(String heading, List<String> options) {}

    /** The producer options that run and tune share, in the order both show them, after the ones given first. */
    private static List<String> withProducerSettings(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(
                "--producers",
                "--acks",
                "--compression",
                "--batch-size",
                "--linger-ms",
                "--max-in-flight",
                "--buffer-memory",
                "--client-id",
                "--producer-property",
                "--connect-timeout",
                "--stop-timeout"));
        return List.copyOf(all);
    }

    /** The sections of {@code run --help}, in order, each naming its options by their long name, in order. */
    static final List<Section> RUN = List.of(
            new Section(
                    "Workload (the topic, how much to send, how fast)",
                    List.of(
                            "--topic",
                            "--create-topic",
                            "--partitions",
                            "--replication-factor",
                            "--records",
                            "--duration",
                            "--rate",
                            "--ramp",
                            "--steps",
                            "--threads",
                            "--warmup")),
            new Section(
                    "Payload (what each record holds)",
                    List.of(
                            "--payload",
                            "--record-size",
                            "--payload-file",
                            "--template",
                            "--template-format",
                            "--keys",
                            "--level-weights",
                            "--resource-cardinality",
                            "--seed")),
            new Section(
                    "Producer (where Kafka is, how the producer sends)", withProducerSettings("--bootstrap-servers")),
            new Section(
                    "Durability (no record written twice, no loss unnoticed)",
                    List.of("--idempotence", "--transactional", "--transaction-interval", "--sequence-header")),
            new Section(
                    "Output (progress lines, summary, reports, metrics)",
                    List.of(
                            "--report-interval",
                            "--summary-json",
                            "--report-html",
                            "--histogram-log",
                            "--metrics-linger")),
            new Section(
                    "SLO gates (a run that misses one exits 3)",
                    List.of(
                            "--max-error-rate",
                            "--min-throughput",
                            "--max-p99-latency",
                            "--max-p999-latency",
                            "--max-consumer-lag",
                            "--max-drain-time")),
            new Section(
                    "Downstream (consumer groups that read the topic, watched while loading it)",
                    List.of("--watch-group", "--drain-timeout")),
            new Section(
                    "Scale-out (one run over several processes, the shards)",
                    List.of(
                            "--run-id",
                            "--shard-count",
                            "--shard-index",
                            "--barrier",
                            "--barrier-timeout",
                            "--control-topic",
                            "--results-topic",
                            "--publish-result",
                            "--fleet-report",
                            "--collect-timeout",
                            "--result-file")),
            new Section("Help", List.of("--help", "--version")));

    /** The sections of {@code tune --help}: its own options first, then those it shares with {@code run}. */
    static final List<Section> TUNE = List.of(
            new Section(
                    "Search (what tune looks for, and for how long)",
                    List.of(
                            "--budget",
                            "--target",
                            "--topic",
                            "--start-rate",
                            "--slo-p99",
                            "--knobs",
                            "--trial-warmup",
                            "--trial-time",
                            "--jvm-warmup")),
            new Section(
                    "Trial topics (one new topic per trial, deleted after it)",
                    List.of("--topic-prefix", "--partitions", "--replication-factor")),
            new Section(
                    "Payload (what each record holds)",
                    List.of(
                            "--payload",
                            "--record-size",
                            "--payload-file",
                            "--template",
                            "--template-format",
                            "--keys")),
            new Section(
                    "Producer (where Kafka is; the settings the search starts from)",
                    withProducerSettings("--bootstrap-servers", "--threads")),
            new Section(
                    "Durability (kept as given in every trial)",
                    List.of("--idempotence", "--transactional", "--transaction-interval")),
            new Section("Output (the chart and the JSON of all trials)", List.of("--chart", "--tune-json")),
            new Section("Help", List.of("--help", "--version")));

    static final String OTHER = "Other options";

    private HelpSections() {}

    /** {@code run}'s {@code @Command(modelTransformer = ...)}: picocli applies it however the command line is built. */
    static final class Run implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return install(spec, RUN);
        }
    }

    /** {@code tune}'s {@code @Command(modelTransformer = ...)}. */
    static final class Tune implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return install(spec, TUNE);
        }
    }

    static CommandSpec install(CommandSpec spec, List<Section> sections) {
        // A copy of the map: picocli may share one map between a command and another it was initialised from.
        Map<String, IHelpSectionRenderer> renderers =
                new LinkedHashMap<>(spec.usageMessage().sectionMap());
        renderers.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> render(help, sections));
        spec.usageMessage().sectionMap(renderers);
        return spec;
    }

    /**
     * Each non-empty section: its heading, then its options as picocli lays them out. One layout width for all, from
     * every option of the command, so the descriptions line up across sections as in one list.
     */
    static String render(Help help, List<Section> sections) {
        Map<String, OptionSpec> unplaced = new LinkedHashMap<>();
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden()) unplaced.put(option.longestName(), option);
        }
        List<String> rendered = new ArrayList<>();
        for (Section section : sections) {
            List<OptionSpec> options = section.options().stream()
                    .map(unplaced::remove)
                    .filter(Objects::nonNull)
                    .toList();
            if (!options.isEmpty()) rendered.add(render(help, section.heading(), options));
        }
        if (!unplaced.isEmpty()) rendered.add(render(help, OTHER, List.copyOf(unplaced.values())));
        return String.join(System.lineSeparator(), rendered); // a blank line between sections
    }

    private static String render(Help help, String heading, List<OptionSpec> options) {
        return help.createHeading("%s:%n", heading)
                + help.optionListExcludingGroups(
                        options, help.createDefaultLayout(), null, help.parameterLabelRenderer());
    }
}
