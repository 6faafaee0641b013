package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.analyzer.store.EventJson;
import io.virtblk.analyzer.store.OpenSearchMapping;
import io.virtblk.analyzer.store.Schema;
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

    /** The mapping is strict: a pushed document with a field it lacks would be refused, so every field of every event must be there. */
    @Test
    void everyFieldOfAPushedDocumentIsMappedAndNothingElseIs() throws IOException {
        JsonNode props = new ObjectMapper().readTree(shipped()).path("mappings").path("properties");
        java.util.Set<String> mapped = new java.util.TreeSet<>();
        leaves(props, "", mapped);
        java.util.Set<String> expected = new java.util.TreeSet<>(Schema.all().stream().map(Schema.Field::name).toList());
        expected.addAll(java.util.List.of("raw", "event", "source_lines"));
        assertThat(mapped).isEqualTo(expected);
        io.virtblk.load.LoadedSource sample = new io.virtblk.load.SourceLoader().load(
                java.nio.file.Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString());
        EventJson json = new EventJson();
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (io.virtblk.event.Event e : sample.events()) {
            var doc = ClusterDoc.of(e, "000_session.txt", sample.lines(), json);
            used.addAll(doc.fields().keySet());
            if (e.type().equals("fio_result")) {
                assertThat(doc.fields().get("fio.iops")).as("doubles go out as their value").isInstanceOf(Double.class);
            }
            if (doc.fields().get("mono") instanceof Double mono) {
                assertThat(mono).isBetween(60_000.0, 70_000.0);
            }
        }
        assertThat(mapped).containsAll(used);
        assertThat(used).contains("type", "line", "mono", "time", "message", "raw", "event", "ioctl.name", "fio.iops");
    }

    private static void leaves(JsonNode props, String prefix, java.util.Set<String> out) {
        props.fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                leaves(e.getValue().path("properties"), prefix + e.getKey() + ".", out);
            } else {
                out.add(prefix + e.getKey());
            }
        });
    }
}
