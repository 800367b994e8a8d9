package io.loadgen.tune;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The winning settings in the forms a user pastes: env vars (a Kubernetes ConfigMap, {@code docker run -e}),
 * {@code application.properties} keys, and {@code loadgen run} options. The durability settings the user fixed
 * (acks) are included, so the result reproduces what was measured. No secret is ever part of it: only the knobs,
 * the rate and acks.
 *
 * @param options option name to value, in the order printed
 */
public record AppliedSettings(Map<String, String> options) {

    /** @param fixed settings the tune held fixed and a rerun needs (option name to value, e.g. acks) */
    public static AppliedSettings of(TrialSettings best, Map<String, String> fixed) {
        Map<String, String> m = new LinkedHashMap<>(best.asOptions());
        fixed.forEach(m::putIfAbsent);
        return new AppliedSettings(m);
    }

    /** {@code LOADGEN_BATCH_SIZE} → value. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        options.forEach(
                (k, v) -> env.put("LOADGEN_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), v));
        return env;
    }

    /** {@code loadgen.batch-size} → value. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        options.forEach((k, v) -> p.put("loadgen." + k, v));
        return p;
    }

    /** {@code --threads 2 --producers 1 ...}. */
    public String args() {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ")
                .append("--")
                .append(k)
                .append(' ')
                .append(v));
        return sb.toString();
    }

    /** The {@code loadgen run} line that checks these settings the way the tune measured them. */
    public String checkLine(RerunCheck check) {
        return "loadgen run " + args() + " " + check.args() + " --create-topic";
    }

    /** {@code -e LOADGEN_THREADS=2 -e ...}. */
    public String dockerEnvFlags() {
        StringBuilder sb = new StringBuilder();
        env().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ")
                .append("-e ")
                .append(k)
                .append('=')
                .append(v));
        return sb.toString();
    }
}
