package io.loadgen.engine;

/** Listeners for tests that run the engine. */
final class RunListeners {

    /** Hears nothing: for a test that looks only at the result. */
    static final RunListener NONE = new RunListener() {};

    private RunListeners() {}
}
