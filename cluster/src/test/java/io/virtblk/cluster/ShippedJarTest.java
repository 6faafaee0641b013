package io.virtblk.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shell's jar talks to clusters with the JDK's {@code java.net.http} and Jackson only: no
 * search server and no HTTP client library may ride along into it (the cluster tests' own jars
 * live in this test-only module). Runs after the shell module is packaged, as {@code mvn verify}
 * builds the modules in order.
 */
class ShippedJarTest {

    private static final List<String> FORBIDDEN = List.of("org/opensearch/", "org/elasticsearch/", "org/apache/solr/", "org/apache/http/",
            "org/apache/hc/", "okhttp3/", "io/netty/", "org/eclipse/jetty/", "org/apache/zookeeper/");

    @Test
    void theShellJarHoldsNoClusterServerOrClientLibrary() throws IOException {
        Path jar = Path.of(System.getProperty("virtblk.root", ".."), "shell", "target", "virtblk-shell.jar");
        assumeTrue(Files.isRegularFile(jar), "no " + jar + ": run mvn verify, which packages the shell first");
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> names = j.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).contains("io/virtblk/cluster/client/Http.class", "io/virtblk/cluster/client/SolrCluster.class",
                    "io/virtblk/analyzer/store/opensearch-mapping.json", "io/virtblk/analyzer/store/solr-schema.json");
            assertThat(names).filteredOn(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).isEmpty();
        }
    }
}
