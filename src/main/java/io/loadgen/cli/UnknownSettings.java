package io.loadgen.cli;

import io.loadgen.spec.EditDistance;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A misspelt setting is silent otherwise: {@code LOADGEN_RAET} is simply not read, {@code --producer-property lingr.ms}
 * is handed to the client, which ignores it. One line each on stderr, with the closest known name; a warning, not a
 * failure, since a plugin may read a property Kafka does not know. Names only: a value may be secret.
 */
final class UnknownSettings {

    /** Variables of bin/loadgen and bench/compare.sh, read by the launcher scripts, not by any option. */
    static final Set<String> LAUNCHER_VARS = Set.of(
            "LOADGEN_AOT",
            "LOADGEN_JAVA",
            "LOADGEN_JAVA_OPTS",
            "LOADGEN_JAVA_OPTS_APPEND",
            "LOADGEN_PROFILER_OPTS",
            "LOADGEN_APP_DIR",
            "LOADGEN_LAUNCHER_INFO",
            "LOADGEN_ARGS",
            "LOADGEN_LAUNCHER");

    private static final String PREFIX = "LOADGEN_";
    /** Prefixes under which the Kafka client itself reads settings it does not list by name. */
    private static final Set<String> CLIENT_PREFIXES =
            Set.of("config.providers.", "metrics.context.", "listener.name.");

    private static final Set<String> PRODUCER_SETTINGS = ProducerConfig.configNames();

    private UnknownSettings() {}

    /** One line per {@code LOADGEN_*} variable that no option of any command reads, nor the launcher. */
    static void warnAboutEnv(Map<String, String> env, CommandSpec root, PrintStream err) {
        Set<String> known = knownEnvVars(root);
        new TreeSet<>(env.keySet())
                .stream()
                        .filter(k -> k.startsWith(PREFIX) && !known.contains(k))
                        .forEach(name -> {
                            String close = closest(name, known);
                            err.println("loadgen: " + name + " is not a setting of loadgen"
                                    + (close == null ? "" : " (did you mean " + close + "?)") + "; ignored");
                        });
    }

    /** One line per {@code --producer-property} the Kafka producer does not know. */
    static void warnAboutProducerProperties(Collection<String> keys, PrintStream err) {
        new TreeSet<>(keys)
                .stream().map(String::trim).filter(k -> !isProducerSetting(k)).forEach(key -> {
                    String close = closest(key, PRODUCER_SETTINGS);
                    err.println("loadgen: --producer-property " + key + " is not a Kafka producer setting"
                            + (close == null ? "" : " (did you mean " + close + "?)")
                            + "; passed on as given, for a plugin");
                });
    }

    static boolean isProducerSetting(String key) {
        if (PRODUCER_SETTINGS.contains(key) || key.equals("config.providers")) return true;
        return CLIENT_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** {@code LOADGEN_<NAME>} of every option of every command, as SmallRye Config reads {@code loadgen.<name>}. */
    static Set<String> knownEnvVars(CommandSpec root) {
        Set<String> names = new TreeSet<>(LAUNCHER_VARS);
        collect(root, names);
        return names;
    }

    private static void collect(CommandSpec command, Set<String> names) {
        for (OptionSpec option : command.options()) {
            if (option.usageHelp() || option.versionHelp()) continue;
            names.add(ConfigDefaultProvider.envVar(option.longestName()));
        }
        command.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), names));
    }

    /** The known name closest to {@code name} within a few edits (a swap counts as one), or {@code null}. */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String n = name.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = EditDistance.between(n, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(1, Math.min(3, name.length() / 6));
        return bestDistance <= allowed ? best : null;
    }
}
