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
 * <p>Kinds map as: keyword → {@code keyword}; text → {@code text} (the local word splitter as a
 * pattern tokenizer, no norms, as locally); long → {@code long}; double → {@code double}; time →
 * {@code date}, pushed as epoch milliseconds and queried in ISO form (the store keeps the log's
 * wall clock as if UTC). Dotted names become nested object properties, as OpenSearch reads them.
 * The cluster also holds what the local store reads elsewhere: {@code raw} (the line as written),
 * {@code event} (whole events, not indexed) and {@code source_lines}.
 */
public final class OpenSearchMapping {

    private OpenSearchMapping() {
    }

    /** Name of the message analyzer: the local one ({@link Analyzers.Words}) spelled as OpenSearch settings. */
    public static final String WORDS = "virtblk_words";

    public static Map<String, Object> mapping() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Schema.Field f : Schema.all()) {
            put(properties, f.name().split("\\."), 0, type(f.kind()));
        }
        // cluster-only: what the local store reads from the file or keeps beside the index
        properties.put("raw", ordered("type", "keyword", "index", false, "doc_values", false));
        properties.put("event", ordered("type", "object", "enabled", false));
        properties.put("source_lines", ordered("type", "long", "index", false));
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("dynamic", "strict");
        mappings.put("properties", properties);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings());
        root.put("mappings", mappings);
        return root;
    }

    /**
     * Message words as the local store splits them: runs of letters, digits and '_', lower-cased.
     * Java's isLetterOrDigit is \p{L} and \p{Nd}; OpenSearch's pattern tokenizer is Java regex.
     */
    private static Map<String, Object> settings() {
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("type", "pattern");
        tokenizer.put("pattern", Analyzers.NOT_WORD);
        Map<String, Object> analyzer = new LinkedHashMap<>();
        analyzer.put("type", "custom");
        analyzer.put("tokenizer", WORDS);
        analyzer.put("filter", java.util.List.of("lowercase"));
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("tokenizer", ordered(WORDS, tokenizer));
        analysis.put("analyzer", ordered(WORDS, analyzer));
        return ordered("analysis", analysis);
    }

    /** A map that writes its keys in the order given, so the shipped JSON never reorders itself. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
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
                t.put("analyzer", WORDS);
                t.put("norms", false);
            }
            case LONG -> t.put("type", "long");
            case DOUBLE -> t.put("type", "double");
            case TIME -> {
                t.put("type", "date");
                // pushed as epoch milliseconds; queried as ISO text, read as UTC like the local store
                t.put("format", "strict_date_optional_time||epoch_millis");
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
