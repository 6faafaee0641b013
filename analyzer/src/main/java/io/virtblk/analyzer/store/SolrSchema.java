package io.virtblk.analyzer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import static io.virtblk.analyzer.store.OpenSearchMapping.ordered;

/**
 * The Solr schema of the event store, made from {@link Schema} like {@link OpenSearchMapping}, as
 * the Schema API commands {@code push --create} sends ({@code add-field-type}, {@code add-field}).
 * The repository ships its output as {@code solr-schema.json}; a test keeps the two equal.
 *
 * <p>Field types carry a {@code virtblk_} prefix so they never collide with the collection's own
 * configset. Kinds map as: keyword → {@code StrField}; text → {@code TextField} with the local word
 * splitter as a pattern tokenizer and lower-casing, no norms; long → {@code LongPointField};
 * double → {@code DoublePointField}; time → {@code DatePointField} (pushed and queried as UTC ISO
 * text, as the local store reads the log's wall clock). All with doc values, for facets and sorts.
 * A field an event may hold more than once is multi-valued; Solr sorts those on their least
 * value ascending and greatest descending. Besides: {@code raw} and {@code event} (the JSON text of
 * whole events), stored only, and {@code source_lines}.
 */
public final class SolrSchema {

    private SolrSchema() {
    }

    /** Fields every event holds exactly once: single-valued, so sorting on them needs no min/max; every other field may repeat. */
    public static final Set<String> SINGLE_VALUED = Set.of("type", "source", "line", "end_line");

    public static final String KEYWORD = "virtblk_keyword";
    public static final String WORDS = "virtblk_words";
    public static final String LONG = "virtblk_long";
    public static final String DOUBLE = "virtblk_double";
    public static final String TIME = "virtblk_time";
    public static final String STORED = "virtblk_stored";

    /** The Schema API request body: field types first, then fields. */
    public static Map<String, Object> commands() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("add-field-type", fieldTypes());
        root.put("add-field", fields());
        return root;
    }

    public static List<Map<String, Object>> fieldTypes() {
        List<Map<String, Object>> types = new ArrayList<>();
        types.add(ordered("name", KEYWORD, "class", "solr.StrField", "docValues", true, "sortMissingLast", true));
        types.add(ordered("name", WORDS, "class", "solr.TextField", "omitNorms", true, "analyzer", ordered(
                "tokenizer", ordered("class", "solr.PatternTokenizerFactory", "pattern", Analyzers.NOT_WORD),
                "filters", List.of(ordered("class", "solr.LowerCaseFilterFactory")))));
        types.add(ordered("name", LONG, "class", "solr.LongPointField", "docValues", true, "sortMissingLast", true));
        types.add(ordered("name", DOUBLE, "class", "solr.DoublePointField", "docValues", true, "sortMissingLast", true));
        types.add(ordered("name", TIME, "class", "solr.DatePointField", "docValues", true, "sortMissingLast", true));
        types.add(ordered("name", STORED, "class", "solr.StrField", "indexed", false, "docValues", false, "stored", true));
        return types;
    }

    public static List<Map<String, Object>> fields() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Schema.Field f : Schema.all()) {
            boolean text = f.kind() == FieldKind.TEXT;
            // the message is not stored: raw holds the line as written
            fields.add(ordered("name", f.name(), "type", type(f.kind()), "indexed", true, "stored", !text,
                    "multiValued", !SINGLE_VALUED.contains(f.name())));
        }
        fields.add(ordered("name", "raw", "type", STORED, "stored", true, "multiValued", false));
        fields.add(ordered("name", "event", "type", STORED, "stored", true, "multiValued", false));
        fields.add(ordered("name", "source_lines", "type", LONG, "indexed", false, "stored", true, "multiValued", false));
        return fields;
    }

    public static String type(FieldKind kind) {
        return switch (kind) {
            case KEYWORD -> KEYWORD;
            case TEXT -> WORDS;
            case LONG -> LONG;
            case DOUBLE -> DOUBLE;
            case TIME -> TIME;
        };
    }

    /** The commands as the JSON text shipped in the repository. */
    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(commands()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
