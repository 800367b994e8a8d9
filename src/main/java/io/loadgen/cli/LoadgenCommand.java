package io.loadgen.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top command. Without a subcommand, {@code run} runs (see {@link Main}). */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        modelTransformer = CommandList.class,
        subcommands = {
            RunCommand.class,
            ReportCommand.class,
            VerifyCommand.class,
            TuneCommand.class,
            TemplatesCommand.class,
            CompareCommand.class
        },
        description = "A Kafka load generator: sends realistic log records with a tuned producer and reports what the "
                + "cluster acknowledged: throughput, latency percentiles, errors. "
                + "Without a subcommand, 'run' runs with the options given ('loadgen run --help' lists them).%n",
        footer = {
            "%nEvery option --NAME is also config key loadgen.NAME and env var LOADGEN_NAME (upper case, '-' as '_'); "
                    + "KAFKA_* env vars and kafka.* keys pass through to the producer.%n",
            ExitCodes.HELP_TEXT
        })
public class LoadgenCommand {

    /** The application's version (the project's, which Quarkus records at build time), or {@code dev}. */
    static String appVersion() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class)
                .orElse("dev");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"loadgen " + appVersion() + " (Kafka client " + AppInfoParser.getVersion() + ")"};
        }
    }
}
