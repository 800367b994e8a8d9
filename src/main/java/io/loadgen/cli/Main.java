package io.loadgen.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point. Builds the picocli command tree with the CDI factory, wires the config-backed defaults and the
 * one-line error handlers, and makes {@code run} the default subcommand: {@code loadgen --records 5} and a bare
 * {@code java -jar} (configured by env vars alone, as in a container) both run the load.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @Inject
    CommandLine.IFactory factory;

    /**
     * Decides, before Quarkus boots, whether this command line needs the HTTP server of /q/metrics, and whether its
     * port is free ({@link MetricsPort}); then boots Quarkus, which calls {@link #run}.
     */
    public static void main(String... args) {
        java.util.Set<String> set = MetricsPort.beforeBoot(args);
        try {
            Quarkus.run(Main.class, args);
        } finally {
            set.forEach(
                    System::clearProperty); // only reached where the launch returns (in tests), not after System.exit
        }
    }

    @Override
    public int run(String... args) {
        CommandLine cmd = new CommandLine(LoadgenCommand.class, factory)
                .setDefaultValueProvider(new ConfigDefaultProvider())
                .setParameterExceptionHandler(ErrorHandlers.BAD_PARAMETER)
                .setExecutionExceptionHandler(ErrorHandlers.FAILED_EXECUTION);
        UnknownSettings.warnAboutEnv(System.getenv(), cmd.getCommandSpec(), System.err);
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            // 'run' is what a bare 'loadgen' does, so its options and their effective defaults belong in the top help.
            cmd.usage(System.out);
            System.out.println();
            System.out.println("Options of 'run', the default command:");
            cmd.getSubcommands().get("run").usage(System.out);
            return ExitCodes.OK;
        }
        return cmd.execute(withDefaultSubcommand(args, cmd.getSubcommands().keySet()));
    }

    static String[] withDefaultSubcommand(String[] args, Set<String> subcommands) {
        if (args.length > 0 && (subcommands.contains(args[0]) || TOP_LEVEL_OPTIONS.contains(args[0]))) return args;
        if (args.length > 0 && !args[0].startsWith("-")) return args; // let picocli name the unknown subcommand
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }
}
