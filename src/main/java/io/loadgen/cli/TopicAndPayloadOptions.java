package io.loadgen.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The layout of a created topic and the records sent to it, shared by {@code run} and {@code tune} (a picocli mixin),
 * so each option is declared once with one help text. Values are checked in {@link SpecAssembler}.
 *
 * <p>{@code order} places each option in {@code tune --help}, after the tune's own; {@code run --help} shows them in
 * the sections of {@link HelpSections}.
 */
public class TopicAndPayloadOptions {

    @Option(
            names = "--partitions",
            paramLabel = "N",
            order = 10,
            converter = Converters.IntCount.class,
            description = "Partitions of a created topic.")
    Integer partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            order = 11,
            converter = Converters.IntCount.class,
            description = "Replication factor of a created topic.")
    Integer replicationFactor;

    @Option(
            names = "--payload",
            paramLabel = "seed|fixed|file",
            order = 20,
            description =
                    "Record values: seed (JSON log line), fixed (--record-size random letters), file (--payload-file lines).")
    String payload;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            order = 21,
            converter = Converters.IntCount.class,
            description = "Value size for --payload fixed.")
    Integer recordSize;

    @Option(
            names = "--payload-file",
            paramLabel = "FILE",
            order = 22,
            description = "File of records, one per line (implies --payload file).")
    Path payloadFile;

    @Option(
            names = "--keys",
            paramLabel = "none|resource-id|random",
            order = 25,
            description = "Record keys: none, the record's ResourceID, or random.")
    String keys;
}
