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
        preloadPicocli();
        java.util.Set<String> set = MetricsPort.beforeBoot(args);
        try {
            Quarkus.run(Main.class, args);
        } finally {
            set.forEach(
                    System::clearProperty); // only reached where the launch returns (in tests), not after System.exit
        }
    }

    /**
     * Loads picocli's classes on a second thread while Quarkus boots on this one. picocli is compiled for Java 5, and
     * the JVM's start-up cache holds no class that old, so each is read from the jar and parsed on first use: done
     * here, that work overlaps the boot instead of following it. Loading only, no static initializers, so the two
     * threads never wait on each other's class initialization.
     */
    private static void preloadPicocli() {
        Thread t = new Thread(() -> load(CommandLine.class), "loadgen-preload");
        t.setDaemon(true);
        t.start();
    }

    private static void load(Class<?> c) {
        try {
            for (Class<?> nested : c.getDeclaredClasses()) load(nested);
        } catch (LinkageError | SecurityException e) {
            // a nested class that cannot load here will fail, or not be needed, where it is used
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
