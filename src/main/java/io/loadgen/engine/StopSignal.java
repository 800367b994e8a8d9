package io.loadgen.engine;

/** Tells sender threads to stop, and remembers the first reason given. Read once per record: one volatile load. */
final class StopSignal {

    enum Reason { MESSAGES_SENT, DURATION_REACHED, INTERRUPTED }

    private volatile Reason reason;
    private volatile long requestedAtNanos;

    boolean stopped() {
        return reason != null;
    }

    synchronized void stop(Reason why, long nowNanos) {
        if (reason == null) {
            requestedAtNanos = nowNanos;
            reason = why;
        }
    }

    Reason reason() {
        return reason;
    }

    long requestedAtNanos() {
        return requestedAtNanos;
    }
}
