package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 16 items 5 and 6: {@code run --help} and {@code tune --help} list their options in sections, and {@code loadgen --help} lists the
 * subcommands one line each. Read from the rendered help, as a user sees it, not from the table alone.
 */
@Timeout(10)
class HelpSectionsTest {

    /** An option's first line: its names at the option columns; a description's lines start further right. */
    private static final Pattern OPTION_LINE = Pattern.compile("^(?:  -\\w, |      )(--[a-z0-9-]+)", Pattern.MULTILINE);

    @Test
    void everyOptionOfRunIsInExactlyOneSectionAndNoSectionIsEmpty() {
        CommandLine run = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(OptionsFixture.noEnv().defaults());

        Map<String, List<String>> sections = sections(run.getUsageMessage(CommandLine.Help.Ansi.OFF), HelpSections.RUN);

        assertThat(sections.keySet())
                .containsExactly(
                        "Workload",
                        "Payload",
                        "Producer",
                        "Durability",
                        "Output",
                        "SLO gates",
                        "Downstream",
                        "Scale-out",
                        "Help");
        assertThat(sections)
                .allSatisfy(
                        (heading, options) -> assertThat(options).as(heading).isNotEmpty());
        List<String> shown = sections.values().stream().flatMap(List::stream).toList();
        List<String> all = run.getCommandSpec().options().stream()
                .filter(o -> !o.hidden())
                .map(OptionSpec::longestName)
                .toList();
        assertThat(shown).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * Every subcommand's help as a terminal shows it: no line past 80 columns (picocli would wrap it to column 0), no
     * "Default: []" of an empty list, the exit codes that command can end with, and every boolean's default.
     */
    @Test
    void eachSubcommandsHelpFitsAndNamesItsOwnExitCodes() {
        Map<String, String> usage = new LinkedHashMap<>();
        for (Class<?> command :
                LoadgenCommand.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            CommandLine line = new CommandLine(command)
                    .setDefaultValueProvider(OptionsFixture.noEnv().defaults());
            usage.put(line.getCommandName(), line.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }

        assertThat(usage).containsKeys("run", "verify", "report", "tune", "templates", "compare");
        usage.forEach((name, text) -> {
            assertThat(text.lines().filter(l -> l.length() > 80).toList())
                    .as(name)
                    .isEmpty();
            assertThat(text).as(name).doesNotContain("Default: []").contains("Exit codes:");
        });
        assertThat(usage.get("run")).contains("--max-consumer-lag", "or --max-drain-time");
        assertThat(usage.get("run"))
                .containsPattern(
                        "--create-topic\\[=true\\|false]\\s+Create the topic if it is absent\\.\\s+Default: false");
        assertThat(usage.get("run"))
                .containsPattern("--barrier\\[=true\\|false] [^\\n]*\\n(?:[^\\n]*\\n){2}\\s+Default: true");
        assertThat(usage.get("verify"))
                .contains("0    every record of the run read back")
                .doesNotContain("SLO gate");
        assertThat(usage.get("templates")).doesNotContain("SLO gate", "partial summary");
    }

    /** A name in the table that no option has (renamed, removed) would leave its option under "Other options". */
    @Test
    void theTableNamesOnlyOptionsOfRunAndEachOnce() {
        List<String> all = new CommandLine(RunCommand.class)
                .getCommandSpec().options().stream()
                        .filter(o -> !o.hidden())
                        .map(OptionSpec::longestName)
                        .toList();
        List<String> named = HelpSections.RUN.stream()
                .flatMap(section -> section.options().stream())
                .toList();

        assertThat(named).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void optionsWhereUsersLookForThem() {
        CommandLine run = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(OptionsFixture.noEnv().defaults());

        Map<String, List<String>> sections = sections(run.getUsageMessage(CommandLine.Help.Ansi.OFF), HelpSections.RUN);

        assertThat(sections.get("Workload"))
                .startsWith("--topic")
                .contains("--records", "--duration", "--rate", "--ramp", "--steps", "--threads", "--warmup");
        assertThat(sections.get("Payload")).contains("--payload", "--payload-file", "--keys", "--record-size");
        assertThat(sections.get("Producer"))
                .startsWith("--bootstrap-servers")
                .contains(
                        "--acks",
                        "--compression",
                        "--batch-size",
                        "--linger-ms",
                        "--max-in-flight",
                        "--producers",
                        "--producer-property");
        assertThat(sections.get("Durability"))
                .containsExactly("--idempotence", "--transactional", "--transaction-interval", "--sequence-header");
        assertThat(sections.get("Output")).contains("--report-interval", "--summary-json", "--metrics-linger");
        assertThat(sections.get("SLO gates"))
                .containsExactly(
                        "--max-error-rate",
                        "--min-throughput",
                        "--max-p99-latency",
                        "--max-p999-latency",
                        "--max-consumer-lag",
                        "--max-drain-time");
        assertThat(sections.get("Downstream")).containsExactly("--watch-group", "--drain-timeout");
        assertThat(sections.get("Scale-out"))
                .contains(
                        "--run-id",
                        "--shard-count",
                        "--shard-index",
                        "--barrier",
                        "--control-topic",
                        "--results-topic",
                        "--publish-result",
                        "--fleet-report",
                        "--collect-timeout",
                        "--result-file");
    }

    /** picocli still renders each option: the effective default from env or config shows under it. */
    @Test
    void eachOptionKeepsItsEffectiveDefault() {
        String usage = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(OptionsFixture.withEnv(Map.of("LOADGEN_TOPIC", "env-topic"))
                        .defaults())
                .getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(section(usage, HelpSections.RUN, "Workload")).contains("--topic=NAME", "Default: env-topic");
        assertThat(section(usage, HelpSections.RUN, "Producer"))
                .contains("--compression=none|gzip|snappy|lz4|zstd", "Default: lz4");
        assertThat(usage).contains("Every option --NAME is also config key", "Exit codes:");
    }

    @Test
    void anOptionTheTableDoesNotNameIsStillShown() {
        CommandLine run = new CommandLine(RunCommand.class);
        run.getCommandSpec()
                .usageMessage()
                .sectionMap()
                .put(
                        CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                        help -> HelpSections.render(help, HelpSections.RUN.subList(1, HelpSections.RUN.size())));

        Map<String, List<String>> sections = sections(run.getUsageMessage(CommandLine.Help.Ansi.OFF), HelpSections.RUN);

        assertThat(sections).doesNotContainKey("Workload");
        assertThat(sections.get(HelpSections.OTHER)).contains("--topic", "--records", "--threads");
    }

    @Test
    void everyOptionOfTuneIsInExactlyOneSectionItsOwnFirst() {
        CommandLine tune = new CommandLine(TuneCommand.class)
                .setDefaultValueProvider(OptionsFixture.noEnv().defaults());
        String usage = tune.getUsageMessage(CommandLine.Help.Ansi.OFF);

        Map<String, List<String>> sections = sections(usage, HelpSections.TUNE);

        assertThat(sections.keySet())
                .containsExactly("Search", "Trial topics", "Payload", "Producer", "Durability", "Output", "Help");
        assertThat(sections.get("Search")).startsWith("--budget", "--target", "--topic");
        assertThat(sections.get("Producer")).startsWith("--bootstrap-servers").contains("--linger-ms", "--acks");
        List<String> shown = sections.values().stream().flatMap(List::stream).toList();
        List<String> all = tune.getCommandSpec().options().stream()
                .filter(o -> !o.hidden())
                .map(OptionSpec::longestName)
                .toList();
        assertThat(shown).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(section(usage, HelpSections.TUNE, "Search")).contains("Default: 5m");
        assertThat(usage).contains("Exit codes:");
    }

    @Test
    void theTuneTableNamesOnlyOptionsOfTuneAndEachOnce() {
        List<String> all = new CommandLine(TuneCommand.class)
                .getCommandSpec().options().stream()
                        .filter(o -> !o.hidden())
                        .map(OptionSpec::longestName)
                        .toList();
        List<String> named = HelpSections.TUNE.stream()
                .flatMap(section -> section.options().stream())
                .toList();

        assertThat(named).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void topLevelHelpListsEverySubcommandOnOneLine() {
        CommandLine loadgen = new CommandLine(LoadgenCommand.class);
        List<String> lines =
                loadgen.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();

        int commands = lines.indexOf("Commands:");
        int end = commands + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) end++;
        List<String> listed = lines.subList(commands + 1, end);
        assertThat(listed).hasSize(loadgen.getSubcommands().size());
        List<String> names = new ArrayList<>(loadgen.getSubcommands().keySet());
        for (int i = 0; i < names.size(); i++) {
            assertThat(listed.get(i))
                    .startsWith("  " + names.get(i) + " ")
                    .endsWith(CommandList.SUMMARIES.get(names.get(i)));
        }
        assertThat(names).containsExactly("run", "report", "verify", "tune", "templates", "compare");
    }

    /** Section name (its heading up to the parenthesis) to the options listed under it, in order. */
    private static Map<String, List<String>> sections(String usage, List<HelpSections.Section> table) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String heading : headings(table)) {
            if (!usage.contains("\n" + heading + ":")) continue;
            List<String> options = new ArrayList<>();
            Matcher m = OPTION_LINE.matcher(section(usage, table, heading));
            while (m.find()) options.add(m.group(1));
            sections.put(heading.replaceFirst(" \\(.*", ""), options);
        }
        return sections;
    }

    private static List<String> headings(List<HelpSections.Section> table) {
        List<String> headings = new ArrayList<>(
                table.stream().map(HelpSections.Section::heading).toList());
        headings.add(HelpSections.OTHER);
        return headings;
    }

    /** The lines from a section's heading to the next blank line. */
    private static String section(String usage, List<HelpSections.Section> table, String name) {
        String heading = headings(table).stream()
                .filter(h -> h.equals(name) || h.startsWith(name + " ("))
                .findFirst()
                .orElseThrow();
        int start = usage.indexOf("\n" + heading + ":\n");
        assertThat(start).as("heading %s", heading).isNotNegative();
        int end = usage.indexOf("\n\n", start + 1);
        return usage.substring(start + 1, end < 0 ? usage.length() : end + 1);
    }
}
