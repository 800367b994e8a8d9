package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cli.LoadgenCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * No drift between the deployment files and the application: every {@code LOADGEN_*} variable that the compose file,
 * the Dockerfiles or the Kubernetes manifests set is an option of some loadgen command, and every {@code KAFKA_*}
 * variable that they give the load generator is a real producer property.
 *
 * <p>The known names come from the picocli model of the command tree, not from a list kept here: option
 * {@code --NAME} is config key {@code loadgen.NAME}, which SmallRye Config reads from env {@code LOADGEN_NAME}
 * (upper case, every other character as {@code _}). Quarkus's Kafka extension turns env {@code KAFKA_X_Y} into
 * producer property {@code x.y} (lower case, {@code _} as {@code .}).
 */
@Timeout(20)
class EnvVarDriftTest {

    private static final Pattern LOADGEN_VAR = Pattern.compile("(?<![A-Za-z0-9_])LOADGEN_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern KAFKA_VAR = Pattern.compile("(?<![A-Za-z0-9_])KAFKA_[A-Z0-9_]*[A-Z0-9]");

    @Test
    void knownNamesComeFromTheCommandTree() {
        Set<String> known = knownLoadgenVars();

        assertThat(known)
                .contains(
                        "LOADGEN_RECORDS",
                        "LOADGEN_MESSAGES",
                        "LOADGEN_BOOTSTRAP_SERVERS",
                        "LOADGEN_CREATE_TOPIC",
                        "LOADGEN_REPLICATION_FACTOR",
                        "LOADGEN_PRODUCER_PROPERTY");
        assertThat(known).doesNotContain("LOADGEN_HELP", "LOADGEN_VERSION");
    }

    @Test
    void everyLoadgenVariableInComposeDockerfilesAndKubernetesIsAnOption() {
        Set<String> known = knownLoadgenVars();
        // The image starts the app through bin/loadgen, whose own variables (LOADGEN_JAVA_OPTS ...) it may set.
        Set<String> launcher = uses(LOADGEN_VAR, RepoFiles.read(RepoFiles.ROOT.resolve("bin/loadgen"))).stream()
                .map(Use::name)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(launcher).contains("LOADGEN_JAVA_OPTS", "LOADGEN_APP_DIR");
        known.addAll(launcher);
        List<Path> files = new ArrayList<>(RepoFiles.composeFiles());
        files.addAll(RepoFiles.dockerfiles());
        files.addAll(RepoFiles.kubernetesFiles());

        List<String> unknown = new ArrayList<>();
        int seen = 0;
        for (Path file : files) {
            for (Use use : uses(LOADGEN_VAR, RepoFiles.read(file))) {
                seen++;
                if (!known.contains(use.name()))
                    unknown.add(RepoFiles.relative(file) + ":" + use.line() + " " + use.name());
            }
        }

        assertThat(seen).as("LOADGEN_* variables found in %s", files).isGreaterThan(0);
        assertThat(unknown)
                .as("LOADGEN_* variables that no loadgen option reads (known: %s)", known)
                .isEmpty();
    }

    @Test
    void everyKafkaVariableGivenToTheLoadGeneratorIsAProducerProperty() {
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path compose : RepoFiles.composeFiles()) {
            for (Map.Entry<String, Map<String, Object>> service :
                    Compose.services(RepoFiles.yaml(compose)).entrySet()) {
                if (!Compose.isLoadGenerator(service.getKey(), service.getValue())) continue;
                for (String name : Compose.environment(service.getValue()).keySet()) {
                    if (!name.startsWith("KAFKA_")) continue;
                    seen++;
                    if (!isProducerProperty(name)) {
                        wrong.add(RepoFiles.relative(compose) + " service " + service.getKey() + ": " + name + " -> "
                                + producerProperty(name));
                    }
                }
            }
        }
        // Our images and the Kubernetes manifests run only the load generator: every KAFKA_ name there is for it.
        List<Path> files = new ArrayList<>(RepoFiles.dockerfiles());
        files.addAll(RepoFiles.kubernetesFiles());
        for (Path file : files) {
            for (Use use : uses(KAFKA_VAR, RepoFiles.read(file))) {
                seen++;
                if (!isProducerProperty(use.name())) {
                    wrong.add(RepoFiles.relative(file) + ":" + use.line() + " " + use.name() + " -> "
                            + producerProperty(use.name()));
                }
            }
        }

        assertThat(seen)
                .as("the load generator's KAFKA_BOOTSTRAP_SERVERS at least")
                .isGreaterThan(0);
        assertThat(wrong)
                .as("KAFKA_* variables that are not producer properties")
                .isEmpty();
    }

    @Test
    void theScannerFindsDriftAndIgnoresComments() {
        String text = """
                # LOADGEN_IN_A_COMMENT is documentation
                env:
                  - name: LOADGEN_RECORDS   # LOADGEN_TRAILING_COMMENT
                    value: "${LOADGEN_RATE:-0}"
                  - name: LOADGEN_MESAGES
                  - name: KAFKA_LINGER_MS
                  - name: KAFKA_LINGER
                """;

        assertThat(uses(LOADGEN_VAR, text))
                .extracting(Use::name)
                .containsExactly("LOADGEN_RECORDS", "LOADGEN_RATE", "LOADGEN_MESAGES");
        assertThat(uses(LOADGEN_VAR, text))
                .extracting(Use::name)
                .filteredOn(n -> !knownLoadgenVars().contains(n))
                .containsExactly("LOADGEN_MESAGES");
        assertThat(uses(KAFKA_VAR, text))
                .extracting(Use::name)
                .filteredOn(n -> !isProducerProperty(n))
                .containsExactly("KAFKA_LINGER");
    }

    @Test
    void kafkaVariablesMapAsQuarkusMapsThem() {
        assertThat(producerProperty("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("bootstrap.servers");
        assertThat(producerProperty("KAFKA_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION"))
                .isEqualTo("max.in.flight.requests.per.connection");
        assertThat(isProducerProperty("KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(isProducerProperty("KAFKA_NODE_ID")).as("a broker setting").isFalse();
    }

    /** LOADGEN_ names of every option of every command in the tree, help options excluded. */
    static Set<String> knownLoadgenVars() {
        Set<String> names = new TreeSet<>();
        collect(new CommandLine(LoadgenCommand.class), names);
        return names;
    }

    private static void collect(CommandLine command, Set<String> names) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) continue;
            names.add(envName(option.longestName())); // hidden ones too: a former name is still read
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    /** As SmallRye Config looks up {@code loadgen.<name>} in the environment. */
    static String envName(String longOption) {
        return ("LOADGEN_" + longOption.replaceFirst("^-+", ""))
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_");
    }

    static String producerProperty(String kafkaVar) {
        return kafkaVar.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    static boolean isProducerProperty(String kafkaVar) {
        return ProducerConfig.configNames().contains(producerProperty(kafkaVar));
    }

    record Use(String name, int line) {}

    /** The names a text uses outside comments ({@code #} to the end of the line, as in YAML, Dockerfiles, env files). */
    static List<Use> uses(Pattern pattern, String text) {
        List<Use> uses = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = pattern.matcher(withoutComment(lines[i]));
            while (m.find()) uses.add(new Use(m.group(), i + 1));
        }
        return uses;
    }

    private static String withoutComment(String line) {
        if (line.stripLeading().startsWith("#")) return "";
        Matcher comment = Pattern.compile("\\s#").matcher(line);
        return comment.find() ? line.substring(0, comment.start()) : line;
    }
}
