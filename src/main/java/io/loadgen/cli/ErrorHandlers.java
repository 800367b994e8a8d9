package io.loadgen.cli;

import io.loadgen.engine.BadSettingException;
import io.loadgen.engine.RunFailedException;
import io.loadgen.engine.StoppedBeforeStartException;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Every failure ends as one clear line on stderr and a documented exit code, never a stack trace. */
final class ErrorHandlers {

    private ErrorHandlers() {}

    static final IParameterExceptionHandler BAD_PARAMETER = (ParameterException ex, String[] args) -> {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        boolean notTyped = ex.getArgSpec() instanceof OptionSpec option && !given(option, args);
        String from = notTyped ? whereFrom((OptionSpec) ex.getArgSpec(), System::getenv) : "";
        err.println("loadgen: " + message(ex) + from);
        UnmatchedArgumentException.printSuggestions(ex, err);
        if (notTyped && asks(args, "-h", "--help")) {
            // a bad value in env or config must not hide the help that explains it: the line above, then the help
            err.flush();
            cmd.usage(cmd.getOut());
            cmd.getOut().flush();
            return ExitCodes.OK;
        }
        if (notTyped && asks(args, "-V", "--version")) {
            err.flush();
            cmd.printVersionHelp(cmd.getOut());
            cmd.getOut().flush();
            return ExitCodes.OK;
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    };

    /**
     * The same for a message that starts with the option it is about ("--compression must be one of ..."), checked
     * after the parse: named only when the command line did not give the option.
     */
    private static String whereFrom(String message, CommandLine cmd, CommandLine.ParseResult root) {
        // the handler is given the top command's parse result; the options are the failing (sub)command's
        CommandLine.ParseResult parsed = cmd.getParseResult() != null ? cmd.getParseResult() : root;
        if (message == null || !message.startsWith("--") || parsed == null) return "";
        String name = message.split("[^-a-z0-9]", 2)[0];
        OptionSpec option = cmd.getCommandSpec().findOption(name);
        if (option == null || parsed.hasMatchedOption(option)) return "";
        return message.contains("(here from env or config") ? "" : whereFrom(option, System::getenv);
    }

    /** picocli's own words, but for a map option's "Value for option option '--x' (KEY=VALUE) should be in ...". */
    private static String message(ParameterException ex) {
        String message = String.valueOf(ex.getMessage());
        Matcher keyValue = NOT_KEY_VALUE.matcher(message);
        if (ex.getArgSpec() instanceof OptionSpec option && keyValue.find()) {
            return option.longestName() + " takes KEY=VALUE; got '" + keyValue.group(1) + "'";
        }
        return message;
    }

    private static final Pattern NOT_KEY_VALUE = Pattern.compile("should be in KEY=VALUE format but was (.*)$");

    /** Whether the command line itself gives the option (else its value came from env or config). */
    private static boolean given(OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) return true;
            }
        }
        return false;
    }

    private static boolean asks(String[] args, String shortName, String longName) {
        for (String arg : args) {
            if (arg.equals(shortName) || arg.equals(longName)) return true;
        }
        return false;
    }

    /**
     * " (from env LOADGEN_X)" when that variable is set (or KAFKA_Y, for an option that stands for a producer
     * setting): in a container or a pod the value was never typed, and the option's name alone sends people looking
     * for it on a command line that does not have it. Empty otherwise.
     */
    static String whereFrom(OptionSpec option, java.util.function.Function<String, String> env) {
        String name = option.longestName().replaceFirst("^-+", "");
        java.util.List<String> variables = new java.util.ArrayList<>();
        variables.add(ConfigDefaultProvider.envVar(name));
        String former = ConfigDefaultProvider.FORMER_NAMES.get(name);
        if (former != null) variables.add(ConfigDefaultProvider.envVar(former));
        String kafka = ConfigDefaultProvider.PRODUCER_OPTIONS.get(name);
        if (kafka != null) variables.add(ConfigDefaultProvider.kafkaEnvVar(kafka));
        if (name.equals("shard-index")) variables.add(ConfigDefaultProvider.SHARD_INDEX_ENV);
        for (String variable : variables) {
            if (env.apply(variable) != null) return " (from env " + variable + ")";
        }
        return "";
    }

    static final IExecutionExceptionHandler FAILED_EXECUTION =
            (Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) -> {
                PrintWriter err = cmd.getErr();
                int code;
                if (ex instanceof UsageException || ex instanceof BadSettingException) {
                    err.println("loadgen: " + ex.getMessage() + whereFrom(ex.getMessage(), cmd, parsed));
                    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
                    code = ExitCodes.USAGE;
                } else if (ex instanceof StoppedBeforeStartException) {
                    err.println("loadgen: " + ex.getMessage());
                    code = ExitCodes.INTERRUPTED;
                } else if (ex instanceof RunFailedException) {
                    err.println("loadgen: " + ex.getMessage());
                    code = ExitCodes.RUN_FAILED;
                } else if (ex instanceof AuthenticationException) {
                    // 'report' and 'verify' meet a refusal in a client call; Kafka's message names the reason, never
                    // the secret
                    err.println("loadgen: Kafka refused "
                            + (ex instanceof SslAuthenticationException ? "the TLS handshake" : "authentication") + ": "
                            + ex.getMessage());
                    code = ExitCodes.RUN_FAILED;
                } else {
                    err.println("loadgen: unexpected error: " + ex);
                    code = ExitCodes.RUN_FAILED;
                }
                err.flush();
                return code;
            };
}
