package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cli.NativeReflection;
import io.loadgen.report.ResultJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every type Jackson maps is registered for reflection in a native executable, checked on the annotation in plain
 * {@code mvn verify} (fast). {@link NativeReflectionConfigTest} checks what the native build actually generates.
 */
@Timeout(20)
class NativeReflectionTest {

    @Test
    void findsTheJsonCodecsAndTheirDocuments() {
        assertThat(ReflectionNeeds.jsonCodecs()).contains(ResultJson.class);
        assertThat(ReflectionNeeds.jacksonTypes())
                .contains(ResultJson.Document.class, ResultJson.Records.class, ResultJson.Latency.class);
    }

    @Test
    void everyTypeJacksonMapsIsRegisteredForReflection() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        assertThat(registration).isNotNull();
        assertThat(registration.methods()).isTrue();
        assertThat(registration.fields()).isTrue();
        Set<String> targets =
                Arrays.stream(registration.targets()).map(Class::getName).collect(Collectors.toSet());
        targets.addAll(Arrays.asList(registration.classNames()));

        List<String> missing = new ArrayList<>();
        for (Class<?> type : ReflectionNeeds.jacksonTypes()) {
            if (!registered(type, targets, registration.ignoreNested())) missing.add(type.getName());
        }

        assertThat(missing)
                .as("add the class that maps them with Jackson to @RegisterForReflection(targets) on "
                        + NativeReflection.class.getName())
                .isEmpty();
    }

    /** As Quarkus registers them: a target, or nested in a target unless ignoreNested. */
    private static boolean registered(Class<?> type, Set<String> targets, boolean ignoreNested) {
        for (Class<?> c = type; c != null; c = ignoreNested ? null : c.getEnclosingClass()) {
            if (targets.contains(c.getName())) return true;
        }
        return false;
    }
}
