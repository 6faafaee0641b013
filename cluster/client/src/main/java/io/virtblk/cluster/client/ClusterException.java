package io.virtblk.cluster.client;

import java.io.IOException;

/** A cluster refused, failed or could not be reached; the message says which and what to do. */
public class ClusterException extends IOException {

    private final int status;

    public ClusterException(String message) {
        this(message, 0);
    }

    public ClusterException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the cluster answered with, or 0 when it never answered. */
    public int status() {
        return status;
    }
}
