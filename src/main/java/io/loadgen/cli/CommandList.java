package io.loadgen.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The list of subcommands in {@code loadgen --help}, one line each. picocli shows a subcommand's header there, or
 * else the first line of its description, which for these commands is a whole paragraph: the list ran to thirty
 * lines. A header would also be printed atop the subcommand's own help; a summary here changes nothing there.
 */
final class CommandList implements IModelTransformer {

    /** One line each, short enough for the 80 columns of the top help. A subcommand missing here shows its description. */
    static final Map<String, String> SUMMARIES = Map.of(
            "run", "Send records to Kafka and report what it acknowledged (the default)",
            "report", "Merge the results of a run's shards into one fleet report",
            "verify", "Read a run's records back: missing, duplicated, reordered",
            "tune", "Find the fastest producer settings, or the top rate within a p99",
            "templates", "The shipped record templates, one's text or records",
            "compare", "Two runs' summary JSON side by side; exit 3 on a regression");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        Map<String, IHelpSectionRenderer> renderers =
                new LinkedHashMap<>(spec.usageMessage().sectionMap());
        renderers.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandList::render);
        spec.usageMessage().sectionMap(renderers);
        return spec;
    }

    static String render(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) return "";
        // The columns of picocli's own command list.
        int names = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(
                help.colorScheme(),
                new Column(names, 2, Column.Overflow.SPAN),
                new Column(width - names, 2, Column.Overflow.WRAP));
        subcommands.forEach((name, sub) -> table.addRowValues(
                sub.commandNamesText(", "), help.colorScheme().text(SUMMARIES.getOrDefault(name, description(sub)))));
        return table.toString();
    }

    private static String description(Help sub) {
        String[] description = sub.commandSpec().usageMessage().description();
        return description.length == 0 ? "" : String.format(description[0]).strip();
    }
}
