package io.virtblk.cluster.client;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventSearch;
import io.virtblk.analyzer.store.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A search cluster events are pushed to and asked about: the same questions as the local store
 * ({@link EventSearch}, same query syntax, same shapes) plus the write side {@code push} needs.
 */
public interface Cluster extends EventSearch {

    /** A document the cluster did not take, and why; {@link Retry#worthRetryingItem} says which are worth another try. */
    record Failure(ClusterDoc doc, int status, String reason) {
        public boolean retryable() {
            return Retry.worthRetryingItem(status);
        }
    }

    ClusterUrl url();

    /** Checks the cluster is a kind and version this speaks to; returns e.g. "OpenSearch 3.9.0". */
    String version() throws IOException;

    /** Creates the index (collection schema) from the shipped mapping; false when it was there already. */
    boolean create() throws IOException;

    /** True when the index (collection) exists. */
    boolean exists() throws IOException;

    /** Writes a batch; returns the documents that failed. Throws when the whole request failed after its retries. */
    List<Failure> bulk(List<ClusterDoc> docs) throws IOException;

    /** Makes everything written so far visible to searches. */
    void refresh() throws IOException;

    /** Event counts per source name. */
    default Map<String, Long> sources() throws IOException {
        return stats("*:*", "source");
    }

    /** The line from the raw text of the event that holds it: a cluster has no file to read it from. */
    @Override
    default String lineText(String source, int line) throws IOException {
        List<Hit> h = search("source:" + EventQueries.quote(source) + " AND line:[* TO " + line + "]", 1, "line", true, null);
        if (h.isEmpty()) {
            return "";
        }
        Hit hit = h.getFirst();
        String[] lines = hit.raw().split("\n", -1);
        int i = line - hit.line();
        return i < lines.length ? lines[i] : "";
    }

    static Cluster open(String url, Map<String, String> env, Retry retry) {
        ClusterUrl u = ClusterUrl.parse(url);
        Http http = new Http(u, env, retry);
        return switch (u.kind()) {
            case OPENSEARCH -> new OpenSearchCluster(http);
            case SOLR -> new SolrCluster(http);
        };
    }
}
