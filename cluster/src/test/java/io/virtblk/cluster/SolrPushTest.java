package io.virtblk.cluster;

import java.nio.file.Path;

/**
 * The push contract against a real two-node Solr 9.10 cloud in a child JVM (profile {@code solr}:
 * {@code mvn -Psolr verify -pl cluster -am}). The collection gets one shard with a replica on
 * each node; stopping the second node mid-push costs the shard one replica, maybe its leader.
 */
class SolrPushTest extends ClusterPushContract {

    private SolrCloudNodes nodes;

    @Override
    void startCluster(Path dir) throws Exception {
        nodes = SolrCloudNodes.start(Path.of("target", "solr-node.log").toAbsolutePath());
    }

    @Override
    void stopCluster() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Override
    String url(String collection) {
        return nodes.url(0, collection);
    }

    @Override
    String version() {
        return "Solr 9.10.1";
    }

    @Override
    String container() {
        return "collection";
    }

    @Override
    String survivorUrl(String collection) {
        return nodes.url(0, collection);
    }

    @Override
    void stopAnotherNode() throws Exception {
        nodes.stop(1);
    }
}
