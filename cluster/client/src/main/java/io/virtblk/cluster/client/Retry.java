package io.virtblk.cluster.client;

import java.time.Duration;

/**
 * How hard to try again: {@code attempts} tries in all, waiting {@code first}, then twice as long
 * each time up to {@code longest}; {@code patience} is how long the cluster may hold one write before
 * it answers (its own {@code timeout}). Rejections (429), unavailable nodes (502-504) and refused or
 * reset connections are worth a retry; a 400 is not: the same request fails the same way.
 */
public record Retry(int attempts, Duration first, Duration longest, Duration patience) {

    /**
     * About 30 s of backoff in all, enough for a node to restart or a cluster manager to be
     * elected; each write may wait 30 s for the cluster (a lost cluster manager blocks writes).
     */
    public static final Retry DEFAULT = new Retry(7, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(30));

    /** The same, with {@code retries} tries after the first and writes that wait at most {@code patience}. */
    public Retry with(int retries, Duration patience) {
        return new Retry(retries + 1, first, longest, patience);
    }

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The wait before try {@code n} (0-based, so try 0 does not wait). */
    Duration before(int n) {
        if (n == 0) {
            return Duration.ZERO;
        }
        long ms = first.toMillis() << Math.min(20, n - 1);
        return Duration.ofMillis(Math.min(ms, longest.toMillis()));
    }

    static boolean worthRetrying(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The same for one document of a batch the cluster did answer: a 4xx is the document's own
     * fault (a field the mapping refuses) and fails the same way again; 429 and every 5xx are the
     * cluster's state (full queues, no cluster manager, a shard without its primary); 0 is no status.
     */
    static boolean worthRetryingItem(int status) {
        return status == 429 || status >= 500 || status == 0;
    }
}
