package io.loadgen.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses Kubernetes YAML into fabric8 model classes the way the API server reads it, not the way fabric8 does by
 * default: fabric8 keeps unknown fields in {@code additionalProperties}, so a typo such as
 * {@code ttlSecondsAfterFinishd} would pass silently. Here it fails, and so do a string where the API wants an
 * integer ({@code completions: "20"}), a number where it wants a string (an unquoted annotation value) and a key
 * given twice.
 */
final class StrictYaml {

    /** The kinds we ship, by {@code apiVersion/kind}. Anything else in k8s/ is a failure: add it here first. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "batch/v1/Job", Job.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class);

    static final ObjectMapper MAPPER = strictMapper();

    private StrictYaml() {}

    private static ObjectMapper strictMapper() {
        YAMLFactory yaml = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper mapper = YAMLMapper.builder(yaml)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // "20" is not an integer and 8080 is not a string, for the API server as for us.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated a) {
                        return Boolean.FALSE; // no @JsonAnySetter: unknown fields fail instead of landing in a map
                    }
                })
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Every non-empty YAML document of the file, each bound strictly to the model class of its kind. */
    static List<HasMetadata> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return read(in, file.toString());
        }
    }

    static List<HasMetadata> read(String yaml) throws IOException {
        return read(new StringReader(yaml), "inline YAML");
    }

    /** The file's documents as plain trees: the shape, without binding to a model (for kustomization files). */
    static List<JsonNode> readTrees(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return trees(in);
        }
    }

    static List<JsonNode> readTrees(String yaml) throws IOException {
        return trees(new StringReader(yaml));
    }

    private static List<HasMetadata> read(Reader in, String source) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : trees(in)) {
            String key =
                    doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(key);
            if (type == null) {
                throw new IllegalArgumentException(
                        source + ": no model registered for " + key + " (known: " + KINDS.keySet() + ")");
            }
            objects.add(MAPPER.treeToValue(doc, type));
        }
        return objects;
    }

    private static List<JsonNode> trees(Reader in) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
