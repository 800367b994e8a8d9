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

    /** The record values after the command line has beaten env and config: {@code type} seed, fixed or file. */
    record Payload(String type, Path file) {}

    static void check(RunOptions o) {
        String type = payload(o).type();
        if (o.onCommandLine("--record-size") && !type.equals("fixed")) {
            throw new UsageException("--record-size sets the value size of --payload fixed only; got --payload " + type
                    + " (give --payload fixed, or leave --record-size out)");
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
     * {@code --payload-file} implies {@code --payload file}: a value type of seed or fixed beside it is a contradiction,
     * unless the command line gave one of the two and env or config the other. The configured default {@code seed}
     * gives way to a file from any layer.
     */
    static Payload payload(RunOptions o) {
        TopicAndPayloadOptions p = o.topicAndPayload;
        String given = p.payload == null ? null : p.payload.trim().toLowerCase(Locale.ROOT);
        Path file = p.payloadFile;
        if (file == null) return new Payload(given == null ? "seed" : given, null);
        if (given == null || given.equals("file") || !(given.equals("seed") || given.equals("fixed"))) {
            return new Payload(given == null ? "file" : given, file);
        }
        boolean cliType = o.onCommandLine("--payload");
        boolean cliFile = o.onCommandLine("--payload-file");
        if (cliType && !cliFile) return new Payload(given, null);
        if (cliFile && !cliType) return new Payload("file", file);
        if (!cliType && given.equals("seed")) return new Payload("file", file);
        throw new UsageException("--payload " + given
                + " and --payload-file are alternatives (--payload-file implies --payload " + "file)"
                + (cliType ? "" : ", here both from env or config (LOADGEN_PAYLOAD, LOADGEN_PAYLOAD_FILE)")
                + "; give one");
    }
}
