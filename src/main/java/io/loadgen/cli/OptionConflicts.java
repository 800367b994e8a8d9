package io.loadgen.cli;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Options that contradict each other are refused, not silently ignored. When the two come from different layers the
 * command line wins over env and config (a {@code LOADGEN_PAYLOAD=fixed} in a pod's env does not stop a
 * {@code --payload-file} typed by hand); when both come from the same layer nothing says which one is meant.
 */
final class OptionConflicts {

    private OptionConflicts() {}

    /**
     * The record values after the command line has beaten env and config: {@code type} seed, fixed, file or template,
     * with the file or the template it needs.
     */
    record Payload(String type, Path file, String template) {}

    static void check(RunOptions o) {
        String type = payload(o).type();
        if (o.onCommandLine("--record-size") && !type.equals("fixed")) {
            throw new UsageException("--record-size sets the value size of --payload fixed only; got --payload " + type
                    + " (give --payload fixed, or leave --record-size out)");
        }
        if (o.onCommandLine("--template-format") && !type.equals("template")) {
            throw new UsageException("--template-format applies to --template only; got --payload " + type
                    + " (give --template, or leave --template-format out)");
        }
        if (o.onCommandLine("--level-weights") && !type.equals("seed")) {
            throw new UsageException("--level-weights weighs the levels of --payload seed only; got --payload " + type
                    + " (leave --level-weights out)");
        }
        if (o.onCommandLine("--transaction-interval") && !Boolean.TRUE.equals(o.producer.transactional)) {
            throw new UsageException(
                    "--transaction-interval applies to --transactional runs only; give --transactional too, "
                            + "or leave --transaction-interval out");
        }
    }

    /**
     * {@code --payload-file} implies {@code --payload file} and {@code --template} {@code --payload template}: see
     * {@link #implied}. A file and a template from different layers: the command line's wins.
     */
    static Payload payload(RunOptions o) {
        TopicAndPayloadOptions p = o.topicAndPayload;
        String given = p.payload == null ? null : p.payload.trim().toLowerCase(Locale.ROOT);
        Path file = p.payloadFile;
        String template = p.template == null || p.template.isBlank() ? null : p.template.trim();
        if (file != null && template != null) {
            if (o.onCommandLine("--payload-file") && !o.onCommandLine("--template"))
                return chosen(o, given, file, null);
            if (o.onCommandLine("--template") && !o.onCommandLine("--payload-file")) {
                return chosen(o, given, null, template);
            }
            throw new UsageException("--payload-file and --template are alternatives"
                    + (o.onCommandLine("--template")
                            ? ""
                            : ", here both from env or config (LOADGEN_PAYLOAD_FILE, LOADGEN_TEMPLATE)")
                    + "; give one");
        }
        return chosen(o, given, file, template);
    }

    /** Like {@link #payload}, with at most one of a file and a template left. */
    private static Payload chosen(RunOptions o, String given, Path file, String template) {
        if (template != null) return implied(o, given, "template", "--template", null, template);
        if (file == null) return new Payload(given == null ? "seed" : given, null, null);
        return implied(o, given, "file", "--payload-file", file, null);
    }

    /**
     * A source option ({@code --payload-file}, {@code --template}) implies its --payload type: another value type
     * beside it is a contradiction, unless the command line gave one of the two and env or config the other. The
     * configured default {@code seed} gives way to a source from any layer.
     */
    private static Payload implied(RunOptions o, String given, String type, String option, Path file, String template) {
        if (given == null
                || given.equals(type)
                || !(given.equals("seed")
                        || given.equals("fixed")
                        || given.equals("file")
                        || given.equals("template"))) {
            return new Payload(given == null ? type : given, file, template);
        }
        boolean cliType = o.onCommandLine("--payload");
        boolean cliSource = o.onCommandLine(option);
        if (cliType && !cliSource) return new Payload(given, null, null);
        if (cliSource && !cliType) return new Payload(type, file, template);
        if (!cliType && given.equals("seed")) return new Payload(type, file, template);
        if (type.equals("template")) {
            throw new UsageException("--payload " + given + " and --template are alternatives (--template implies "
                    + "--payload template)"
                    + (cliType ? "" : ", here both from env or config (LOADGEN_PAYLOAD, LOADGEN_TEMPLATE)")
                    + "; give one");
        }
        throw new UsageException("--payload " + given
                + " and --payload-file are alternatives (--payload-file implies --payload " + "file)"
                + (cliType ? "" : ", here both from env or config (LOADGEN_PAYLOAD, LOADGEN_PAYLOAD_FILE)")
                + "; give one");
    }
}
