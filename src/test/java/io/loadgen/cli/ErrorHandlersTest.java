package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The one line of bad input, as picocli reports it and as our handler rewrites it. */
@Timeout(10)
class ErrorHandlersTest {

    @Test
    void aPropertyWithoutEqualsSignIsNamedInOurWords() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new OptionsFixture.TestCommand())
                .setDefaultValueProvider(OptionsFixture.noEnv().defaults())
                .setParameterExceptionHandler(ErrorHandlers.BAD_PARAMETER)
                .setErr(new PrintWriter(err));

        int code = line.execute("--producer-property", "foo");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().findFirst())
                .hasValue("loadgen: --producer-property takes KEY=VALUE; got 'foo'");
    }

    @Test
    void aValueFromEnvNamesTheVariableThatIsSet() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new OptionsFixture.TestCommand()).getCommandSpec();
        OptionSpec rate = spec.findOption("--rate");
        OptionSpec linger = spec.findOption("--linger-ms");

        assertThat(ErrorHandlers.whereFrom(rate, Map.of("LOADGEN_RATE", "fast")::get))
                .isEqualTo(" (from env LOADGEN_RATE)");
        assertThat(ErrorHandlers.whereFrom(linger, Map.of("KAFKA_LINGER_MS", "x")::get))
                .isEqualTo(" (from env KAFKA_LINGER_MS)");
        assertThat(ErrorHandlers.whereFrom(spec.findOption("--records"), Map.of("LOADGEN_MESSAGES", "x")::get))
                .as("the former name, still read")
                .isEqualTo(" (from env LOADGEN_MESSAGES)");
        assertThat(ErrorHandlers.whereFrom(spec.findOption("--shard-index"), Map.of("JOB_COMPLETION_INDEX", "x")::get))
                .as("Kubernetes' variable for an Indexed Job's pods")
                .isEqualTo(" (from env JOB_COMPLETION_INDEX)");
        assertThat(ErrorHandlers.whereFrom(rate, Map.<String, String>of()::get))
                .as("from a config file: nothing to name")
                .isEmpty();
    }
}
