package io.loadgen.metrics;

import jakarta.enterprise.context.ApplicationScoped;

/** Where the command is in its run, for the health checks. Written by the command, read by health requests. */
@ApplicationScoped
public class RunState {

    public enum Phase {
        /** No run yet (the command is parsing its options, or is not {@code run}). */
        IDLE,
        /** Connecting to Kafka and creating the producers. */
        STARTING,
        /** Sending. */
        RUNNING,
        /** Sending is over; the final metrics are still served (see {@code --metrics-linger}). */
        FINISHED
    }

    private volatile Phase phase = Phase.IDLE;
    private volatile String runId = "";

    public void starting(String runId) {
        this.runId = runId;
        this.phase = Phase.STARTING;
    }

    public void running() {
        phase = Phase.RUNNING;
    }

    public void finished() {
        phase = Phase.FINISHED;
    }

    public Phase phase() {
        return phase;
    }

    public String runId() {
        return runId;
    }
}
