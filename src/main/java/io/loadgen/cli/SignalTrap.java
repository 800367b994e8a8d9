package io.loadgen.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM (a Kubernetes pod being stopped) into a graceful stop: the first signal asks the engine
 * to stop and wait for records in flight (at most --stop-timeout); a second one skips that wait, and the summary and
 * every requested file are still written; a third exits at once. Handling the signal ourselves, instead of letting the
 * JVM run its shutdown hooks, keeps Quarkus up until the partial summary is printed and written.
 */
final class SignalTrap implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int received;

    private SignalTrap() {}

    /** The run's trap: stop, then stop waiting, then exit. */
    static SignalTrap install(Runnable onFirstSignal, Runnable onSecondSignal, PrintStream err) {
        return install(
                onFirstSignal,
                onSecondSignal,
                err,
                "stopping; waiting for records in flight (again: stop waiting and write the summary; a third time: exit at once)",
                "not waiting for records in flight any more; writing the summary (again: exit at once)");
    }

    /** @param reaction what the first signal does, for the line printed when it arrives; a second one exits at once */
    static SignalTrap install(Runnable onFirstSignal, PrintStream err, String reaction) {
        return install(onFirstSignal, null, err, reaction, null);
    }

    private static SignalTrap install(
            Runnable first, Runnable second, PrintStream err, String firstReaction, String secondReaction) {
        SignalTrap trap = new SignalTrap();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                trap.previous.add(
                        Signal.handle(signal, s -> trap.handle(s, first, second, err, firstReaction, secondReaction)));
                trap.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // the platform does not know this signal; nothing to trap
            }
        }
        return trap;
    }

    boolean received() {
        return received > 0;
    }

    private synchronized void handle(
            Signal s, Runnable first, Runnable second, PrintStream err, String firstReaction, String secondReaction) {
        received++;
        if (received == 1) {
            err.println("loadgen: SIG" + s.getName() + " received, " + firstReaction);
            first.run();
        } else if (received == 2 && second != null) {
            err.println("loadgen: second SIG" + s.getName() + ", " + secondReaction);
            second.run();
        } else {
            err.println("loadgen: SIG" + s.getName() + " again, exiting now");
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
