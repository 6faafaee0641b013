package io.virtblk.analyzer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenSearch (and Elasticsearch-compatible) index mapping of the event store, made from
 * {@link Schema} so the local store and a cluster can never disagree on a field. The repository
 * ships its output as {@code opensearch-mapping.json}; a test keeps the two equal.
 *
 * <p>Kinds map as: keyword → {@code keyword}; text → {@code text} (standard analyzer, no norms,
 * as locally); long → {@code long}; double → {@code double}; time → {@code date} in epoch
 * milliseconds (the store keeps the log's wall clock as if UTC). Dotted names become nested
 * object properties, as OpenSearch reads them. Internal fields ({@code _raw}, the line's text)
 * are stored only.
 */
public final class OpenSearchMapping {

    private OpenSearchMapping() {
    }

    public static Map<String, Object> mapping() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Schema.Field f : Schema.all()) {
            put(properties, f.name().split("\\."), 0, type(f.kind()));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("type", "keyword");
        raw.put("index", false);
        raw.put("doc_values", false);
        properties.put("raw", raw);
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("dynamic", "strict");
        mappings.put("properties", properties);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mappings", mappings);
        return root;
    }

    /** The mapping as the JSON text shipped in the repository. */
    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(mapping()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> type(FieldKind kind) {
        Map<String, Object> t = new LinkedHashMap<>();
        switch (kind) {
            case KEYWORD -> t.put("type", "keyword");
            case TEXT -> {
                t.put("type", "text");
                t.put("norms", false);
            }
            case LONG -> t.put("type", "long");
            case DOUBLE -> t.put("type", "double");
            case TIME -> {
                t.put("type", "date");
                t.put("format", "epoch_millis");
            }
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> props, String[] path, int i, Map<String, Object> leaf) {
        if (i == path.length - 1) {
            props.put(path[i], leaf);
            return;
        }
        Map<String, Object> object = (Map<String, Object>) props.computeIfAbsent(path[i], k -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("properties", new LinkedHashMap<String, Object>());
            return o;
        });
        put((Map<String, Object>) object.get("properties"), path, i + 1, leaf);
    }
}
