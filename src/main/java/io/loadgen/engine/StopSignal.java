package io.loadgen.engine;

/** Tells sender threads to stop, and remembers the first reason given. Read once per record: one volatile load. */
final class StopSignal {

    enum Reason { MESSAGES_SENT, DURATION_REACHED, INTERRUPTED, FAILED }

    private volatile Reason reason;
    private volatile long requestedAtNanos;
    private volatile String failure;

    boolean stopped() {
        return reason != null;
    }

    synchronized void stop(Reason why, long nowNanos) {
        if (reason == null) {
            requestedAtNanos = nowNanos;
            reason = why;
        }
    }

    /** A sender cannot go on (its transactional producer failed for good): the whole run stops, saying why. */
    synchronized void fail(String why, long nowNanos) {
        if (reason == null) {
            failure = why;
            stop(Reason.FAILED, nowNanos);
        }
    }

    /** Why the run failed, when {@link #reason()} is {@link Reason#FAILED}. */
    String failure() {
        return failure;
    }

    Reason reason() {
        return reason;
    }

    long requestedAtNanos() {
        return requestedAtNanos;
    }
}
