package io.loadgen.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGINT and SIGTERM (a Kubernetes pod being stopped) into a graceful stop: the first signal asks the engine
 * to stop and wait for records in flight; a second one exits at once. Handling the signal ourselves, instead of
 * letting the JVM run its shutdown hooks, keeps Quarkus up until the partial summary is printed and written.
 */
final class SignalTrap implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean received;

    private SignalTrap() {
    }

    static SignalTrap install(Runnable onFirstSignal, PrintStream err) {
        return install(onFirstSignal, err, "stopping; waiting for records in flight (send it again to exit at once)");
    }

    /** @param reaction what the first signal does, for the line printed when it arrives */
    static SignalTrap install(Runnable onFirstSignal, PrintStream err, String reaction) {
        SignalTrap trap = new SignalTrap();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                trap.previous.add(Signal.handle(signal, s -> trap.handle(s, onFirstSignal, err, reaction)));
                trap.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // the platform does not know this signal; nothing to trap
            }
        }
        return trap;
    }

    boolean received() {
        return received;
    }

    private void handle(Signal s, Runnable onFirstSignal, PrintStream err, String reaction) {
        if (received) {
            err.println("loadgen: second SIG" + s.getName() + ", exiting now");
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        received = true;
        err.println("loadgen: SIG" + s.getName() + " received, " + reaction);
        onFirstSignal.run();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
