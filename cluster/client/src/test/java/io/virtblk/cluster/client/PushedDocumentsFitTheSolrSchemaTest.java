package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.analyzer.store.EventJson;
import io.virtblk.analyzer.store.SolrSchema;
import io.virtblk.event.Event;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Solr schema the store ships takes every document a push sends. */
class PushedDocumentsFitTheSolrSchemaTest {

    private static Map<String, JsonNode> fields() throws IOException {
        try (InputStream in = SolrSchema.class.getResourceAsStream("solr-schema.json")) {
            assertThat(in).as("solr-schema.json is shipped").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            new ObjectMapper().readTree(in).path("add-field").forEach(f -> byName.put(f.path("name").asText(), f));
            return byName;
        }
    }

    /**
     * Solr refuses a list for a single-valued field: every field an event holds twice (a mixed
     * job's two directions, a report's call trace) must be multi-valued. Checked on the sample
     * and every real input of the shared corpus ({@code -Dvirtblk.corpus}, set by the build).
     */
    @Test
    void everyPushedDocumentFitsTheSchema() throws IOException {
        Map<String, JsonNode> fields = fields();
        List<Path> inputs = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt")));
        Path corpus = Path.of(System.getProperty("virtblk.corpus", "../../shared/corpus"));
        if (java.nio.file.Files.isDirectory(corpus)) {
            try (var all = java.nio.file.Files.walk(corpus)) {
                all.filter(java.nio.file.Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md")).forEach(inputs::add);
            }
        }
        EventJson json = new EventJson();
        TreeSet<String> repeated = new TreeSet<>();
        for (Path input : inputs) {
            LoadedSource s = new SourceLoader().load(input.toString());
            for (Event e : s.events()) {
                ClusterDoc doc = ClusterDoc.of(e, input.getFileName().toString(), s.lines(), json);
                doc.fields().forEach((name, value) -> {
                    assertThat(fields).as("field " + name + " of " + e.type() + " in " + input).containsKey(name);
                    if (value instanceof List<?>) {
                        repeated.add(name);
                        assertThat(fields.get(name).path("multiValued").asBoolean()).as(name + " holds " + value).isTrue();
                    }
                });
            }
        }
        if (inputs.size() > 1) {
            assertThat(repeated).as("the corpus has events with repeated fields").contains("report.frames", "fio.dir");
        }
        assertThat(SolrSchema.SINGLE_VALUED).allSatisfy(name -> assertThat(fields.get(name).path("multiValued").asBoolean()).isFalse());
    }
}
