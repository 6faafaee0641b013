package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the cluster client says and sends before any real cluster is involved: addresses,
 * credentials from the environment, retries of rejections, and the errors for clusters it must
 * not talk to. The real two-node cluster test lives in the cluster module.
 */
class ClusterClientTest {

    private LoopbackServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** A server on loopback that answers GET / as {@code root} and every other request with {@code status}s in turn. */
    private String serve(String root, int... statuses) throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = LoopbackServer.start("/", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            if (ex.getRequestURI().getPath().equals("/")) {
                return LoopbackServer.Reply.text(200, root);
            }
            int status = statuses[Math.min(n.getAndIncrement(), statuses.length - 1)];
            return LoopbackServer.Reply.text(status,
                    status == 200 ? "{\"count\":7}" : "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}");
        });
        return "opensearch://127.0.0.1:" + server.port() + "/virtblk";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final String OPENSEARCH = "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"3.9.0\"}}";
    private static final Retry QUICK = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

    @Test
    void addressesAreReadOrRefusedWithTheFormsThatWork() {
        ClusterUrl u = ClusterUrl.parse("opensearch://alice@db1:9201/virtblk");
        assertThat(u.base()).hasToString("http://db1:9201");
        assertThat(u.index()).isEqualTo("virtblk");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(ClusterUrl.parse("https://db1/nightly").base()).hasToString("https://db1:9200");
        assertThat(ClusterUrl.parse("solr://db1:8983/solr/events").index()).isEqualTo("events");
        assertThatThrownBy(() -> ClusterUrl.parse("opensearch://db1:9200/")).hasMessageContaining("no index")
                .hasMessageContaining("opensearch://HOST:PORT/INDEX");
        assertThatThrownBy(() -> ClusterUrl.parse("opensearch://db1:9200/Virtblk")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> ClusterUrl.parse("ftp://db1/x")).hasMessageContaining("unknown scheme 'ftp'");
    }

    @Test
    void credentialsComeFromTheEnvironment() throws IOException {
        String url = serve(OPENSEARCH, 200);
        Cluster.open(url, Map.of("VIRTBLK_CLUSTER_API_KEY", "k3y"), QUICK).count("*:*");
        Cluster.open(url.replace("//", "//alice@"), Map.of("VIRTBLK_CLUSTER_PASSWORD", "s3cret"), QUICK).count("*:*");
        Cluster.open(url, Map.of(), QUICK).count("*:*");
        assertThat(authorizations).containsExactly("ApiKey k3y", "Basic YWxpY2U6czNjcmV0", "null");
    }

    @Test
    void rejectionsAreRetriedAndThenReportedWithTheClustersReason() throws IOException {
        assertThat(Cluster.open(serve(OPENSEARCH, 429, 503, 200), Map.of(), QUICK).count("type:ioctl")).isEqualTo(7);
        stop();
        Cluster c = Cluster.open(serve(OPENSEARCH, 429), Map.of(), QUICK);
        c.version();
        assertThatThrownBy(() -> c.count("type:ioctl")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("answered 429").hasMessageContaining("3 times").hasMessageContaining("queue full");
    }

    @Test
    void wrongClustersAndBadQueriesAreRefusedBeforeAnythingIsSent() throws IOException {
        String es = serve("{\"version\":{\"number\":\"8.15.0\"}}", 200);
        assertThatThrownBy(() -> Cluster.open(es, Map.of(), QUICK).version()).hasMessageContaining("Elasticsearch 8.15.0")
                .hasMessageContaining("OpenSearch 2.x and 3.x");
        assertThatThrownBy(() -> Cluster.open(es, Map.of(), QUICK).count("ioctl.nmae:X")).hasMessageContaining("unknown field 'ioctl.nmae'");
        assertThatThrownBy(() -> Cluster.open("opensearch://127.0.0.1:1/virtblk", Map.of(), Retry.DEFAULT).count("*:*"))
                .hasMessageContaining("cannot reach OpenSearch at http://127.0.0.1:1");
    }
}
