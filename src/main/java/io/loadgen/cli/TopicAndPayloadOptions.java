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
            paramLabel = "seed|fixed|file|template",
            order = 20,
            description = "Record values: seed (JSON log line), fixed (--record-size random letters), file "
                    + "(--payload-file lines), template (--template).")
    String payload;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES|A..B|lognormal:MEAN:SIGMA",
            order = 21,
            description = "Value size for --payload fixed: one size, sizes uniform from A to B, or a distribution "
                    + "(normal:MEAN:SD, lognormal:MEAN:SIGMA).")
    String recordSize;

    @Option(
            names = "--template",
            paramLabel = "NAME|FILE",
            order = 23,
            description = "Make records from a template (implies --payload template): a shipped one (seed, nginx, "
                    + "app-json, syslog, k8s; 'loadgen templates' shows them) or a file of your own.")
    String template;

    @Option(
            names = "--template-format",
            paramLabel = "json|text",
            order = 24,
            description = "Whether the template's records are JSON (strings escaped, records checked at start). "
                    + "Default: json for a .json/.jsonl/.ndjson file and the JSON templates shipped, else text.")
    String templateFormat;

    @Option(
            names = "--payload-file",
            paramLabel = "FILE",
            order = 22,
            description = "File of records, one per line (implies --payload file).")
    Path payloadFile;

    @Option(
            names = "--keys",
            paramLabel = "none|resource-id|random|sequence|uniform:N|zipf:N:S",
            order = 25,
            description = "Record keys: none, the record's ResourceID, random, the record's sequence number, "
                    + "key-0..key-(N-1) uniformly, or by Zipf with exponent S (key-0 hottest: hot keys).")
    String keys;
}
