package io.loadgen.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading a parsed compose file: services, their environment (map or list form, env files), their options. */
final class Compose {

    private Compose() {}

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Object services = compose.get("services");
        return services == null ? Map.of() : (Map<String, Map<String, Object>>) services;
    }

    /** The load generator: named so, or built from our Dockerfiles, or given LOADGEN_* settings. */
    static boolean isLoadGenerator(String name, Map<String, Object> service) {
        if (name.contains("loadgen")) return true;
        if (String.valueOf(service.get("image")).contains("kafka-loadgen")) return true;
        if (service.get("build") instanceof Map<?, ?> build
                && String.valueOf(build.get("dockerfile")).contains("Dockerfile.")) return true;
        return environment(service).keySet().stream().anyMatch(k -> k.startsWith("LOADGEN_"));
    }

    /**
     * The variables a service sets: {@code environment} as a map ({@code KEY: value}, or {@code KEY:} to take it from
     * the shell) or a list ({@code KEY=value}, {@code KEY}), after those of its {@code env_file}s. Values may be null.
     */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object envFiles = service.get("env_file");
        for (Object file : envFiles == null ? List.of() : envFiles instanceof List<?> l ? l : List.of(envFiles)) {
            Object path = file instanceof Map<?, ?> m ? m.get("path") : file;
            Path p = RepoFiles.ROOT.resolve(String.valueOf(path));
            if (!Files.isRegularFile(p)) continue;
            for (String line : RepoFiles.read(p).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int eq = l.indexOf('=');
                env.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? null : l.substring(eq + 1));
            }
        }
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** {@code depends_on} as service name to condition ({@code service_started} for the short list form). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> deps = new LinkedHashMap<>();
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof List<?> list) {
            list.forEach(d -> deps.put(String.valueOf(d), "service_started"));
        } else if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((k, v) -> deps.put(
                    String.valueOf(k),
                    v instanceof Map<?, ?> m && m.get("condition") != null
                            ? String.valueOf(m.get("condition"))
                            : "service_started"));
        }
        return deps;
    }

    /** Short-syntax bind mounts as host path (as written, relative to the project) to container path. */
    static Map<String, String> bindMounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        Object volumes = service.get("volumes");
        if (volumes instanceof List<?> list) {
            for (Object v : list) {
                if (!(v instanceof String s)) continue;
                String[] parts = s.split(":");
                if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/")))
                    mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }
}
