package io.virtblk.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real two-node OpenSearch 3.9 cluster inside the test JVM: two {@link Node}s talking over
 * their own transport on loopback, each with an HTTP port, data under a temporary folder. The
 * recipe (and why each setting is there) is in ../shared/TOOLCHAIN.md.
 */
final class OpenSearchNodes implements AutoCloseable {

    static {
        // Netty sets the processor count once per JVM; two nodes in one JVM would make the second start fail now and then.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();

    /** A node with the Netty transport and common analysis as classpath plugins (the constructor that takes plugins is protected). */
    private static final class TestNode extends Node {
        TestNode(Settings settings, Collection<PluginInfo> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")), plugins, true);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
            // sets a JVM-wide value once; a second node in the same JVM must not try again
        }
    }

    static OpenSearchNodes start(Path home) throws Exception {
        OpenSearchNodes c = new OpenSearchNodes();
        int[] transport = {freePort(19300, 19399), 0};
        transport[1] = freePort(transport[0] + 1, 19399);
        int[] http = {freePort(19200, 19299), 0};
        http[1] = freePort(http[0] + 1, 19299);
        PluginInfo netty = new PluginInfo(Netty4ModulePlugin.class.getName(), "classpath plugin", "NA", Version.CURRENT, "21",
                Netty4ModulePlugin.class.getName(), null, List.of(), false);
        // analysis-common is a module every distribution bundles (the mapping's pattern tokenizer is in it)
        PluginInfo analysis = new PluginInfo(CommonAnalysisModulePlugin.class.getName(), "classpath plugin", "NA", Version.CURRENT, "21",
                CommonAnalysisModulePlugin.class.getName(), null, List.of(), false);
        List<CompletableFuture<Node>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Settings s = Settings.builder()
                    .put("cluster.name", "virtblk-test")
                    .put("node.name", "n" + (i + 1))
                    .put("path.home", home.resolve("n" + (i + 1)).toString())
                    .put("path.data", home.resolve("n" + (i + 1)).resolve("data").toString())
                    .put("network.host", "127.0.0.1")
                    .put("http.port", http[i])
                    .put("transport.port", transport[i])
                    .putList("discovery.seed_hosts", "127.0.0.1:" + transport[0], "127.0.0.1:" + transport[1])
                    .putList("cluster.initial_cluster_manager_nodes", "n1", "n2")
                    .put("transport.type", "netty4")
                    .put("http.type", "netty4")
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .build();
            Node node = new TestNode(s, List.of(netty, analysis));
            c.nodes.add(node);
            c.httpPorts.add(http[i]);
            // each start() waits for the cluster to form, so the two must start at once, on threads of their own
            CompletableFuture<Node> f = new CompletableFuture<>();
            Thread.ofPlatform().name("opensearch-start-n" + (i + 1)).start(() -> {
                try {
                    f.complete(node.start());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            starting.add(f);
        }
        try {
            for (CompletableFuture<Node> f : starting) {
                f.get(120, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The opensearch:// address of an index through node {@code i}'s HTTP port. */
    String url(int i, String index) {
        return "opensearch://127.0.0.1:" + httpPorts.get(i) + "/" + index;
    }

    /** Which node (0 or 1) is the elected cluster manager: stopping it blocks writes until another is elected. */
    int clusterManager() throws IOException, InterruptedException {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPorts.get(0)
                + "/_cat/cluster_manager?format=json")).build();
        String body = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get(0).get("node").asText().equals("n1") ? 0 : 1;
    }

    /** Stops node {@code i} (0 or 1): what a crashed machine looks like to the others. */
    void stop(int i) throws IOException {
        nodes.get(i).close();
    }

    @Override
    public void close() throws IOException {
        for (Node n : nodes) {
            n.close();
        }
        for (Node n : nodes) {
            try {
                n.awaitClose(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort(int from, int to) throws IOException {
        for (int p = from; p <= to; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException busy) {
                // next
            }
        }
        throw new IOException("no free port in " + from + "-" + to);
    }
}
