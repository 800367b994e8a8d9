package io.loadgen.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/live} and {@code /q/health/ready}, both naming the run and its phase.
 *
 * <p>Liveness is always up while the process answers: restarting a load generator's container would start the load
 * again, which no stuck-looking run justifies. Readiness is up once sending has begun and stays up after it ends,
 * so Prometheus targets that follow readiness (a Service behind a ServiceMonitor) still get the final scrape during
 * {@code --metrics-linger}.
 */
@ApplicationScoped
public class RunHealthChecks {

    private final RunState state;

    public RunHealthChecks(RunState state) {
        this.state = state;
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> response("loadgen", true);
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> response(
                "loadgen-run", state.phase() == RunState.Phase.RUNNING || state.phase() == RunState.Phase.FINISHED);
    }

    private HealthCheckResponse response(String name, boolean up) {
        return HealthCheckResponse.named(name)
                .status(up)
                .withData("phase", state.phase().name().toLowerCase())
                .withData("run_id", state.runId())
                .build();
    }
}
