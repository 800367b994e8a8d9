package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reflection configuration of a native build covers what Jackson and picocli reflect on. No native toolchain is
 * needed: a {@code -Dquarkus.native.sources-only=true} build runs Quarkus's native augmentation and writes
 * {@code target/native-sources/<artifact>-runner.jar}, whose {@code META-INF/native-image/reflect-config.json} is what
 * {@code native-image} would be given. {@code .ci/checks.sh} makes that build and runs this test with
 * {@code -Dnative.sources=<its target/native-sources>}; without the property the tests are skipped, so a plain
 * {@code mvn verify} does not pay for the native build.
 */
@Timeout(60)
@EnabledIfSystemProperty(
        named = NativeReflectionConfigTest.PROPERTY,
        matches = ".*\\S.*",
        disabledReason = "needs -D" + NativeReflectionConfigTest.PROPERTY + "=DIR, the target/native-sources of a "
                + "-Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true build (.ci/checks.sh makes one)")
class NativeReflectionConfigTest {

    static final String PROPERTY = "native.sources";

    private static Map<String, JsonNode> entries;

    @BeforeAll
    static void readReflectionConfig() throws IOException {
        Path sources = Path.of(System.getProperty(PROPERTY));
        assertThat(sources).as("-D%s", PROPERTY).isDirectory();
        Path runner;
        try (Stream<Path> files = Files.list(sources)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no *-runner.jar in " + sources));
        }
        entries = reflectionEntries(runner);
        assertThat(entries).as("reflection entries in %s", runner).isNotEmpty();
    }

    @Test
    void everyTypeJacksonMapsIsRegisteredWithItsMethodsAndFields() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : ReflectionNeeds.jacksonTypes()) {
            JsonNode e = entries.get(type.getName());
            if (e == null || !all(e, "Methods") || !all(e, "Fields") || !all(e, "Constructors")) {
                missing.add(type.getName() + (e == null ? " (absent)" : " " + e));
            }
        }
        assertThat(ReflectionNeeds.jacksonTypes()).isNotEmpty();
        assertThat(missing)
                .as("Jackson types without full reflection registration")
                .isEmpty();
    }

    @Test
    void everyClassPicocliInstantiatesOrFillsIsRegistered() {
        List<String> missing = new ArrayList<>();
        for (Class<?> c : ReflectionNeeds.picocliInstantiated()) {
            JsonNode e = entries.get(c.getName());
            if (e == null || !all(e, "Constructors")) missing.add(c.getName() + " (constructors) " + e);
        }
        for (Class<?> c : ReflectionNeeds.picocliFieldHolders()) {
            JsonNode e = entries.get(c.getName());
            if (e == null || !all(e, "Fields")) missing.add(c.getName() + " (fields) " + e);
        }
        assertThat(missing)
                .as("picocli classes without reflection registration")
                .isEmpty();
    }

    /** {@code allDeclaredX} or {@code allPublicX} is set. */
    private static boolean all(JsonNode entry, String member) {
        return entry.path("allDeclared" + member).asBoolean(false)
                || entry.path("allPublic" + member).asBoolean(false);
    }

    /**
     * Every reflection entry in the jar's {@code META-INF/native-image}, by class name: reflect-config.json (a list of
     * entries with {@code name}) and, should a later Quarkus write it, reachability-metadata.json ({@code reflection}
     * entries with {@code type}).
     */
    static Map<String, JsonNode> reflectionEntries(Path jar) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byName = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith("META-INF/native-image/")) continue;
                JsonNode list;
                if (name.endsWith("/reflect-config.json")) {
                    list = mapper.readTree(zip.getInputStream(entry));
                } else if (name.endsWith("/reachability-metadata.json")) {
                    list = mapper.readTree(zip.getInputStream(entry)).path("reflection");
                } else {
                    continue;
                }
                for (JsonNode e : list) {
                    String type = e.has("name")
                            ? e.get("name").asText()
                            : e.path("type").asText();
                    byName.merge(type, e, NativeReflectionConfigTest::merged);
                }
            }
        }
        return byName;
    }

    /** Two entries for one class: the flags either sets. */
    private static JsonNode merged(JsonNode a, JsonNode b) {
        ObjectNode m = a.deepCopy();
        for (Map.Entry<String, JsonNode> f : b.properties()) {
            if (!m.path(f.getKey()).asBoolean(false)) m.set(f.getKey(), f.getValue());
        }
        return m;
    }
}
