package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch mapping shipped in the repository is the one the schema generates, and it agrees
 * with the local Lucene schema field by field. After a schema change, write the new mapping with
 * {@code OpenSearchMapping.json()} into {@code src/main/resources/io/virtblk/analyzer/store/}.
 */
class OpenSearchMappingTest {

    private static String shipped() throws IOException {
        try (InputStream in = OpenSearchMapping.class.getResourceAsStream("opensearch-mapping.json")) {
            assertThat(in).as("opensearch-mapping.json is shipped").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedMappingIsTheGeneratedOne() throws IOException {
        assertThat(shipped()).isEqualTo(OpenSearchMapping.json());
    }

    @Test
    void everySchemaFieldHasItsTypeInTheMapping() throws IOException {
        JsonNode props = new ObjectMapper().readTree(shipped()).path("mappings").path("properties");
        int fields = 0;
        for (Schema.Field f : Schema.all()) {
            JsonNode node = props;
            String[] path = f.name().split("\\.");
            for (int i = 0; i < path.length; i++) {
                node = i == path.length - 1 ? node.path(path[i]) : node.path(path[i]).path("properties");
            }
            String expected = switch (f.kind()) {
                case KEYWORD -> "keyword";
                case TEXT -> "text";
                case LONG -> "long";
                case DOUBLE -> "double";
                case TIME -> "date";
            };
            assertThat(node.path("type").asText()).as(f.name()).isEqualTo(expected);
            fields++;
        }
        assertThat(fields).isEqualTo(Schema.all().size()).isGreaterThan(50);
    }
}
