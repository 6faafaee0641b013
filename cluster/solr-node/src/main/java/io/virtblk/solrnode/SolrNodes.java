package io.virtblk.solrnode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A Solr cloud of N nodes (default 2) with its own ZooKeeper, for the cluster tests, run as a child
 * JVM. It speaks on stdin/stdout, one line each:
 * <pre>
 *   out: node BASE_URL      (one per node, e.g. http://127.0.0.1:40123/solr)
 *   out: ready
 *   in:  stop I             out: stopped I     (stops node I, as a crash would look to clients)
 *   in:  quit, or stdin closed: shuts down and deletes its data
 * </pre>
 * Everything else it prints goes to stderr. Only the test's {@code SolrNodes} client starts it.
 */
public final class SolrNodes {

    private SolrNodes() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = Files.createTempDirectory("virtblk-solr-");
        System.setProperty("solr.log.dir", dir.resolve("logs").toString());
        Path conf = dir.resolve("configset");
        Files.createDirectories(conf);
        for (String f : new String[] {"solrconfig.xml", "managed-schema.xml"}) {
            try (InputStream in = SolrNodes.class.getResourceAsStream("configset/" + f)) {
                Files.copy(in, conf.resolve(f));
            }
        }
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir.resolve("nodes")).addConfig("_default", conf).configure();
        try {
            cluster.getJettySolrRunners().forEach(j -> System.out.println("node " + j.getBaseUrl()));
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.startsWith("stop ")) {
                    int i = Integer.parseInt(line.substring(5).strip());
                    cluster.stopJettySolrRunner(i);
                    System.out.println("stopped " + i);
                    System.out.flush();
                }
            }
        } finally {
            cluster.shutdown();
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
