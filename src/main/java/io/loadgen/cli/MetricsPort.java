package io.loadgen.cli;

import io.loadgen.engine.RunFailedException;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The HTTP port of /q/metrics and /q/health, which only {@code run} and {@code tune} need (issue 14, item 8).
 *
 * <p>Quarkus binds its HTTP server while it boots, before any command runs, and a port in use ends the boot with
 * exit 1 and three log lines on stdout, whatever the command. So {@link Main#main} decides before Quarkus boots
 * ({@link #beforeBoot}): a command that needs no server ({@code --help}, {@code --version}, {@code report},
 * {@code verify}, {@code run --help}, ...) boots without one ({@code quarkus.http.host-enabled=false}, a runtime
 * setting); {@code run} and {@code tune} try the port first, and if it cannot be bound they too boot without a
 * server and note why, so the command checks its usage first (bad usage still exits 2) and then fails with one line
 * ({@link #requireAvailable}). The port is read as Quarkus reads it: {@code -Dquarkus.http.port}, else env
 * {@code QUARKUS_HTTP_PORT}, else 8080 (a {@code quarkus.http.port} in a config file of the working directory is not
 * seen here; Quarkus would then report the clash itself). Between the trial bind and Quarkus's own bind another
 * process could take the port; then Quarkus's own message shows, as before.
 *
 * <p>Only in the packaged application: tests launched in this JVM by {@code @QuarkusMainTest} use Quarkus's test port,
 * and a system property set here would outlive the launch.
 */
final class MetricsPort {

    /** System property that carries, from {@link #beforeBoot} to the command, why the port could not be bound. */
    static final String UNAVAILABLE_PROPERTY = "loadgen.metrics-port-unavailable";

    /** System property that carries, from {@link #beforeBoot} to the command, a port setting that is not a port. */
    static final String INVALID_PROPERTY = "loadgen.metrics-port-invalid";

    static final String HOST_ENABLED = "quarkus.http.host-enabled";
    private static final Set<String> HELP_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    private static final int DEFAULT_PORT = 8080;

    private MetricsPort() {}

    /** Whether the command line runs a command that serves /q/metrics: {@code run} (also as the default) or {@code tune}. */
    static boolean needsServer(String... args) {
        for (String arg : args) {
            if (HELP_OPTIONS.contains(arg)) return false;
        }
        if (args.length == 0 || args[0].startsWith("-")) return true; // options of the default command, 'run'
        return args[0].equals("run") || args[0].equals("tune");
    }

    /**
     * The system properties to set before Quarkus boots, for these arguments: none when the command needs the server
     * and its port is free (or is 0, any free port); else the server turned off, and for {@code run}/{@code tune} the
     * reason the port could not be bound.
     *
     * @param lookup system property or env var by name (tests pass a map)
     */
    static Map<String, String> beforeBoot(String[] args, Function<String, Optional<String>> lookup) {
        Map<String, String> properties = new TreeMap<>();
        if (lookup.apply(HOST_ENABLED).isPresent()
                || lookup.apply("QUARKUS_HTTP_HOST_ENABLED").isPresent()) return properties;
        Optional<String> property = lookup.apply("quarkus.http.port");
        String portText = property.or(() -> lookup.apply("QUARKUS_HTTP_PORT")).orElse(String.valueOf(DEFAULT_PORT));
        int port = parsePort(portText);
        if (port < 0) {
            // Quarkus would fail its boot with a stack trace (and even --help with a config error): a placeholder it
            // can read, no server, and the command names the setting in one line once its own usage is checked
            properties.put("quarkus.http.port", "0");
            properties.put(HOST_ENABLED, "false");
            if (needsServer(args)) {
                properties.put(
                        INVALID_PROPERTY,
                        (property.isPresent() ? "-Dquarkus.http.port" : "QUARKUS_HTTP_PORT") + " '" + portText.trim()
                                + "' is not a port: give 0-65535 (0 picks a free one)");
            }
            return properties;
        }
        if (!needsServer(args)) {
            properties.put(HOST_ENABLED, "false");
            return properties;
        }
        if (port == 0) return properties;
        String host = lookup.apply("quarkus.http.host")
                .or(() -> lookup.apply("QUARKUS_HTTP_HOST"))
                .orElse("0.0.0.0");
        String unavailable = tryBind(host, port);
        if (unavailable != null) {
            properties.put(HOST_ENABLED, "false");
            properties.put(UNAVAILABLE_PROPERTY, "port " + port + ": " + unavailable);
        }
        return properties;
    }

    /** The port, or -1 when the text is not a whole number from 0 to 65535. */
    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port <= 65_535 ? Math.max(port, -1) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Called by {@link Main#main} before Quarkus boots; returns the properties set, for clearing after the launch. */
    static Set<String> beforeBoot(String... args) {
        if (launchedByQuarkusTooling()) return Set.of();
        Map<String, String> properties = beforeBoot(args, MetricsPort::systemOrEnv);
        properties.forEach(System::setProperty);
        return properties.keySet();
    }

    /**
     * Whether this is a launch of Quarkus's own tooling ({@code @QuarkusMainTest}, dev mode), which loads the
     * application with its QuarkusClassLoader; the packaged jar never does. The launch mode cannot tell yet: Quarkus
     * sets it while it boots, after {@code main} started.
     */
    static boolean launchedByQuarkusTooling() {
        return MetricsPort.class
                .getClassLoader()
                .getClass()
                .getName()
                .equals("io.quarkus.bootstrap.classloading.QuarkusClassLoader");
    }

    /** Null when a server socket can be bound to host:port, else the operating system's reason. */
    static String tryBind(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Vert.x does: a port left in TIME_WAIT by an earlier run is free
            socket.bind(new InetSocketAddress(host, port));
            return null;
        } catch (BindException e) {
            return e.getMessage() == null ? "cannot bind" : e.getMessage().replace(" (Bind failed)", "");
        } catch (IOException | RuntimeException e) {
            return null; // not a clash (an unknown host, ...): left to Quarkus, which names it
        }
    }

    /**
     * For {@code run} and {@code tune}, after their usage is checked and before anything connects: fails with one
     * line, exit 2 when the port setting is not a port, exit 1 when the port could not be bound at start-up.
     */
    static void requireAvailable() {
        String invalid = System.getProperty(INVALID_PROPERTY);
        if (invalid != null) throw new UsageException(invalid);
        String unavailable = System.getProperty(UNAVAILABLE_PROPERTY);
        if (unavailable == null) return;
        throw new RunFailedException("cannot serve /q/metrics on " + unavailable + "; choose another port with "
                + "QUARKUS_HTTP_PORT=PORT or -Dquarkus.http.port=PORT (0 picks a free one)");
    }

    /**
     * With port 0 (any free port) the port chosen is printed once, so Prometheus or a person can find it. Only in
     * the packaged application: tests in this JVM run on Quarkus's test port.
     */
    static void printChosen(PrintStream out) {
        if (LaunchMode.current() != LaunchMode.NORMAL
                || System.getProperty(UNAVAILABLE_PROPERTY) != null
                || System.getProperty(INVALID_PROPERTY) != null) return;
        Function<String, Optional<String>> lookup = MetricsPort::systemOrEnv;
        if (lookup.apply(HOST_ENABLED)
                        .or(() -> lookup.apply("QUARKUS_HTTP_HOST_ENABLED"))
                        .map(Boolean::parseBoolean)
                        .orElse(true)
                && lookup.apply("quarkus.http.port")
                        .or(() -> lookup.apply("QUARKUS_HTTP_PORT"))
                        .map(String::trim)
                        .filter(p -> p.equals("0"))
                        .isPresent()) {
            int port = actualPort();
            if (port < 1) return;
            String host = lookup.apply("quarkus.http.host")
                    .or(() -> lookup.apply("QUARKUS_HTTP_HOST"))
                    .orElse("0.0.0.0");
            if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = "127.0.0.1";
            out.println("metrics at http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + ":" + port + "/q/metrics");
        }
    }

    /** The port the HTTP server listens on, as Quarkus registered it once bound; -1 when there is none. */
    private static int actualPort() {
        var server = Arc.container().select(HttpServer.class);
        if (server.isResolvable()) return server.get().getPort();
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", Integer.class)
                .orElse(-1);
    }

    /** A dotted name is a system property, an upper-case one an environment variable. */
    private static Optional<String> systemOrEnv(String name) {
        return Optional.ofNullable(name.contains(".") ? System.getProperty(name) : System.getenv(name));
    }
}
