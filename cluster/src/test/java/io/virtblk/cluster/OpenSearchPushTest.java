package io.virtblk.cluster;

import java.nio.file.Path;

/** The push contract against a real two-node OpenSearch 3.9 cluster started in this JVM. */
class OpenSearchPushTest extends ClusterPushContract {

    private OpenSearchNodes nodes;
    private int stopping = -1;

    @Override
    void startCluster(Path dir) throws Exception {
        nodes = OpenSearchNodes.start(dir);
    }

    @Override
    void stopCluster() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Override
    String url(String index) {
        return nodes.url(0, index);
    }

    @Override
    String version() {
        return "OpenSearch 3.9.0";
    }

    @Override
    String container() {
        return "index";
    }

    /** The node that is not the elected cluster manager: once the manager is stopped it has no quorum and cannot write. */
    @Override
    String survivorUrl(String index) throws Exception {
        stopping = nodes.clusterManager();
        return nodes.url(1 - stopping, index);
    }

    @Override
    void stopAnotherNode() throws Exception {
        nodes.stop(stopping);
    }
}
