package io.loadgen.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the application at the JVM-wide {@link KafkaBroker}. Quarkus starts a resource again for every
 * {@code @Launch} of a {@code @QuarkusMainTest}; handing out the shared broker's address keeps that free.
 */
public class InJvmKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives this resource: it is shared by the whole test JVM and closed by a shutdown hook
    }
}
