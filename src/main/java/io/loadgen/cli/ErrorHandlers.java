package io.loadgen.cli;

import io.loadgen.engine.BadSettingException;
import io.loadgen.engine.RunFailedException;
import io.loadgen.engine.StoppedBeforeStartException;
import java.io.PrintWriter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Every failure ends as one clear line on stderr and a documented exit code, never a stack trace. */
final class ErrorHandlers {

    private ErrorHandlers() {}

    static final IParameterExceptionHandler BAD_PARAMETER = (ParameterException ex, String[] args) -> {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("loadgen: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    };

    static final IExecutionExceptionHandler FAILED_EXECUTION =
            (Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) -> {
                PrintWriter err = cmd.getErr();
                int code;
                if (ex instanceof UsageException || ex instanceof BadSettingException) {
                    err.println("loadgen: " + ex.getMessage());
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
