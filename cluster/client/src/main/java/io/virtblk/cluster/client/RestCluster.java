package io.virtblk.cluster.client;

import io.virtblk.analyzer.store.EventQueries;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What every cluster spoken to over REST has: the HTTP client, the path of its index or
 * collection, the read-back into the store's shapes, and the local query check that keeps a typo
 * from ever reaching the cluster.
 */
abstract sealed class RestCluster implements Cluster permits OpenSearchCluster, SolrCluster {

    final Http http;
    /** "/" and the index (collection) name, as it stands in request paths. */
    final String path;
    final Stored stored = new Stored();
    private final EventQueries queries = new EventQueries();
    /** What the cluster said it is, once asked. */
    private String version;

    RestCluster(Http http) {
        this.http = http;
        this.path = "/" + URLEncoder.encode(http.url().index(), StandardCharsets.UTF_8);
    }

    @Override
    public ClusterUrl url() {
        return http.url();
    }

    /** Asked once per address: every command checks it before it sends anything. */
    @Override
    public final String version() throws IOException {
        if (version == null) {
            version = askVersion();
        }
        return version;
    }

    /** Asks the cluster what it is and refuses kinds and versions this does not speak to. */
    abstract String askVersion() throws IOException;

    /** The major version of "3.9.0"; 0 when it cannot be read. */
    static int major(String number) {
        try {
            return Integer.parseInt(number.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The query to send ("*:*" for none, and for a bare "*", which means every event here as it does
     * locally; a cluster would read it as "has a message"), parsed locally first: the same caret and
     * nearest field names as a local query.
     */
    String checked(String query) {
        String q = query == null || query.isBlank() || query.strip().equals("*") ? "*:*" : query;
        queries.parse(q);
        return q;
    }
}
