package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.List;

/** How many requests a device had issued and not completed: at one time, and at most. */
public final class InFlight {

    private InFlight() {
    }

    /** The most at any moment: every issue and completion in time order (a completion at an issue's very time goes first). */
    static int most(List<BlockRequest> rs) {
        double[] issued = issued(rs);
        double[] done = completed(rs);
        int i = 0;
        int j = 0;
        int now = 0;
        int max = 0;
        while (i < issued.length) {
            if (j < done.length && done[j] <= issued[i]) {
                now--;
                j++;
            } else {
                now++;
                i++;
                max = Math.max(max, now);
            }
        }
        return max;
    }

    static int at(List<BlockRequest> rs, double t) {
        int n = 0;
        for (BlockRequest r : rs) {
            if (r.issued() != null && r.issued() <= t && (r.completed() == null || r.completed() > t)) {
                n++;
            }
        }
        return n;
    }

    /** The issue times, sorted. */
    public static double[] issued(List<BlockRequest> rs) {
        return rs.stream().filter(r -> r.issued() != null).mapToDouble(BlockRequest::issued).sorted().toArray();
    }

    /** The completion times of requests that were issued, sorted. */
    public static double[] completed(List<BlockRequest> rs) {
        return rs.stream().filter(r -> r.issued() != null && r.completed() != null).mapToDouble(BlockRequest::completed).sorted().toArray();
    }
}
