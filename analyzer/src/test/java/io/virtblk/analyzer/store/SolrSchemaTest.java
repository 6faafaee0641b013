package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.event.Event;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Solr schema shipped in the repository is the one the schema generates, agrees with the
 * local Lucene schema field by field (that it takes every document a push sends is the cluster
 * client's test, {@code PushedDocumentsFitTheSolrSchemaTest}). After a schema
 * change, write {@code SolrSchema.json()} into {@code src/main/resources/io/virtblk/analyzer/store/}.
 */
class SolrSchemaTest {

    private static JsonNode shipped() throws IOException {
        try (InputStream in = SolrSchema.class.getResourceAsStream("solr-schema.json")) {
            assertThat(in).as("solr-schema.json is shipped").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).isEqualTo(SolrSchema.json());
            return new ObjectMapper().readTree(text);
        }
    }

    private static Map<String, JsonNode> fields() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        shipped().path("add-field").forEach(f -> byName.put(f.path("name").asText(), f));
        return byName;
    }

    @Test
    void everySchemaFieldHasItsTypeAndNothingElseIsThere() throws IOException {
        Map<String, JsonNode> fields = fields();
        Map<String, String> classes = new HashMap<>();
        shipped().path("add-field-type").forEach(t -> classes.put(t.path("name").asText(), t.path("class").asText()));
        for (Schema.Field f : Schema.all()) {
            String expected = switch (f.kind()) {
                case KEYWORD -> "solr.StrField";
                case TEXT -> "solr.TextField";
                case LONG -> "solr.LongPointField";
                case DOUBLE -> "solr.DoublePointField";
                case TIME -> "solr.DatePointField";
            };
            assertThat(classes.get(fields.get(f.name()).path("type").asText())).as(f.name()).isEqualTo(expected);
        }
        TreeSet<String> all = new TreeSet<>(Schema.all().stream().map(Schema.Field::name).toList());
        all.addAll(List.of("raw", "event", "source_lines"));
        assertThat(new TreeSet<>(fields.keySet())).isEqualTo(all);
        assertThat(fields.get("message").path("stored").asBoolean()).as("the line is kept once, in raw").isFalse();
    }

    @Test
    void theMessageIsSplitAsTheLocalStoreSplitsIt() throws IOException {
        JsonNode words = null;
        for (JsonNode t : shipped().path("add-field-type")) {
            if (t.path("name").asText().equals(SolrSchema.WORDS)) {
                words = t.path("analyzer");
            }
        }
        assertThat(words.path("tokenizer").path("pattern").asText()).isEqualTo(Analyzers.NOT_WORD);
        assertThat(words.path("filters").path(0).path("class").asText()).isEqualTo("solr.LowerCaseFilterFactory");
        assertThat("engage_dev: BLKFLSBUF(0x1261) é9".split(Analyzers.NOT_WORD)).containsExactly("engage_dev", "BLKFLSBUF", "0x1261", "é9");
    }
}
