package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtblk.event.Event;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import io.virtblk.analyzer.store.EventJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Solr client sends and how it reads Solr's answers, against a fake Solr on loopback
 * that behaves as Solr does where it matters: a batch stops at its first bad document with
 * "[doc=ID] …". The real two-node Solr cloud test is the cluster module's profile {@code solr}.
 */
class SolrClusterTest {

    private static final Retry QUICK = new Retry(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

    private LoopbackServer server;
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final List<String> selects = new CopyOnWriteArrayList<>();

    /** A fake Solr {@code version} that refuses documents whose line is in {@code badLines}, as Solr does: the ones before it go in. */
    private String serve(String version, Set<Integer> badLines) throws IOException {
        server = LoopbackServer.start("/solr/", ex -> {
            String path = ex.getRequestURI().getPath();
            ObjectNode answer = Http.JSON.createObjectNode();
            int status = 200;
            if (path.equals("/solr/admin/info/system")) {
                answer.putObject("lucene").put("solr-spec-version", version);
            } else if (path.equals("/solr/virtblk/update")) {
                for (JsonNode doc : Http.JSON.readTree(ex.getRequestBody())) {
                    if (badLines.contains(doc.path("line").asInt())) {
                        status = 400;
                        answer.putObject("error").put("msg", "ERROR: [doc=" + doc.path("id").asText() + "] unknown field 'bogus'").put("code", 400);
                        break;
                    }
                    indexed.add(doc.path("id").asText());
                }
            } else if (path.equals("/solr/virtblk/select")) {
                selects.add(URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                answer.putObject("response").put("numFound", 3).putArray("docs");
            } else {
                status = 404;
            }
            return LoopbackServer.Reply.json(status, answer);
        });
        return "solr://127.0.0.1:" + server.port() + "/virtblk";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<ClusterDoc> sampleDocs() throws IOException {
        LoadedSource s = new SourceLoader().load(Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString());
        EventJson json = new EventJson();
        List<ClusterDoc> docs = new ArrayList<>();
        for (Event e : s.events()) {
            docs.add(ClusterDoc.of(e, "000_session.txt", s.lines(), json));
        }
        return docs;
    }

    @Test
    void aBatchStoppedAtABadDocumentIsSentAgainWithoutItAndEveryBadOneIsNamed() throws IOException {
        List<ClusterDoc> docs = sampleDocs();
        int first = docs.get(3).line();
        int last = docs.get(docs.size() - 2).line();
        Cluster solr = Cluster.open(serve("9.10.1", Set.of(first, last)), Map.of(), QUICK);
        assertThat(solr.version()).isEqualTo("Solr 9.10.1");
        List<Cluster.Failure> failed = solr.bulk(docs);
        assertThat(failed).extracting(f -> f.doc().line()).containsExactly(first, last);
        assertThat(failed).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo("unknown field 'bogus'");
        });
        assertThat(indexed).hasSize(docs.size() - 2);
    }

    @Test
    void queriesGoAsTheStoresSyntaxWithTimesInUtc() throws IOException {
        Cluster solr = Cluster.open(serve("9.10.1", Set.of()), Map.of(), QUICK);
        assertThat(solr.count("type:engage AND time:[2016-11-11T04:25:00 TO *]")).isEqualTo(3);
        assertThat(selects.getFirst()).contains("q=type:engage AND time:[2016-11-11T04:25:00Z TO *]").contains("df=message")
                .contains("rows=0");
        assertThatThrownBy(() -> solr.count("ioctl.nmae:X")).hasMessageContaining("unknown field 'ioctl.nmae'");
        assertThat(selects).hasSize(1);
    }

    @Test
    void oldSolrAndMissingCollectionsAreSaidPlainly() throws IOException {
        String url = serve("8.11.2", Set.of());
        assertThatThrownBy(() -> Cluster.open(url, Map.of(), QUICK).version()).hasMessageContaining("Solr 8.11.2")
                .hasMessageContaining("Solr 9 and later");
        assertThatThrownBy(() -> Cluster.open(url.replace("/virtblk", "/other"), Map.of(), QUICK).count("*:*"))
                .hasMessageContaining("no collection 'other'").hasMessageContaining("--create");
    }
}
