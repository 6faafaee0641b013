package io.virtblk.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A two-node Solr 9 cloud in a child JVM: Solr pins Lucene 9, this JVM runs Lucene 10. The child
 * is {@code io.virtblk.solrnode.SolrNodes} from the solr-node module, on the classpath that module
 * wrote to {@code target/classpath.txt} (property {@code virtblk.solr.node} names that module's
 * target folder); it prints its nodes' addresses and takes "stop I" on stdin.
 */
final class SolrCloudNodes implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final List<String> bases = new ArrayList<>();

    private SolrCloudNodes(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static SolrCloudNodes start(Path log) throws IOException {
        Path target = Path.of(System.getProperty("virtblk.solr.node", "solr-node/target"));
        Path cp = target.resolve("classpath.txt");
        if (!Files.isRegularFile(cp)) {
            throw new IllegalStateException("no " + cp + ": build with the solr profile (mvn -Psolr verify -pl cluster -am)");
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(javaCommand, "-Xmx1g", "-cp", target.resolve("classes") + java.io.File.pathSeparator + Files.readString(cp).strip(),
                "io.virtblk.solrnode.SolrNodes", "2").redirectError(log.toFile()).start();
        SolrCloudNodes nodes = new SolrCloudNodes(p);
        for (String line; (line = nodes.out.readLine()) != null && !line.equals("ready"); ) {
            if (line.startsWith("node ")) {
                nodes.bases.add(line.substring(5).strip());
            }
        }
        if (nodes.bases.size() != 2) {
            p.destroyForcibly();
            throw new IllegalStateException("the Solr child JVM did not start its nodes; see " + log);
        }
        return nodes;
    }

    /** solr://HOST:PORT/COLLECTION of node {@code i}. */
    String url(int i, String collection) {
        return bases.get(i).replaceFirst("^http://", "solr://").replaceFirst("/solr$", "/") + collection;
    }

    void stop(int i) throws IOException {
        in.println("stop " + i);
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("stopped " + i)) {
                return;
            }
        }
        throw new IOException("the Solr child JVM ended while stopping node " + i);
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        in.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
