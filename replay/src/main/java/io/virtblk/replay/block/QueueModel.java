package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The generic block device model: a queue of {@code tags} slots, each request holding one for the
 * same service time, both learned from the trace (the most in flight at once; the median D2C
 * outside any stall). A request arrives when its bio was queued (or, when the trace shows no Q,
 * when it got a request or was issued), waits for a free slot, and is due one service time later.
 * Replaying the trace's arrivals through it says when each request was due on the device as it
 * behaved when healthy; the first that came back later than that by more than the bound is where
 * the device stopped keeping pace. It is no model of a driver's rules (virtblkiosim's
 * {@link io.virtblk.replay.model.DeviceModel} is): the block layer shows requests, not sessions.
 */
public final class QueueModel {

    private QueueModel() {
    }

    static QueueReplay replay(List<BlockRequest> rs, int tags, List<Stall> stalls, double bound, double traceEnd) {
        double service = healthyService(rs, stalls);
        BlockRequest[] byArrival = rs.stream().filter(r -> arrival(r) != null).sorted(Comparator.comparingDouble(QueueModel::arrivalTime))
                .toArray(BlockRequest[]::new);
        PriorityQueue<Double> free = new PriorityQueue<>();
        int depth = Math.max(1, tags);
        for (int i = 0; i < depth; i++) {
            free.add(Double.NEGATIVE_INFINITY);
        }
        BlockRequest first = null;
        Double firstDue = null;
        Double late = null;
        double healthyFinish = Double.NEGATIVE_INFINITY;
        double actualFinish = Double.NEGATIVE_INFINITY;
        // the time the workload lost: the union of the late requests' [due, came back] spans, each moment counted once
        double lost = 0;
        double spanStart = 0;
        double spanEnd = -Double.MAX_VALUE;
        for (BlockRequest r : byArrival) {
            double start = Math.max(arrivalTime(r), free.poll());
            double due = start + service;
            free.add(due);
            healthyFinish = Math.max(healthyFinish, due);
            double done = r.completed() != null ? r.completed() : traceEnd;
            if (r.completed() != null) {
                actualFinish = Math.max(actualFinish, r.completed());
            }
            if (done - due > bound) {
                if (first == null) {
                    first = r;
                    firstDue = due;
                    late = done - due;
                }
                if (due > spanEnd) {
                    lost += Math.max(0, spanEnd - spanStart);
                    spanStart = due;
                }
                spanEnd = Math.max(spanEnd, done);
            }
        }
        lost += Math.max(0, spanEnd - spanStart);
        return new QueueReplay(depth, service, bound, first, firstDue, late, actualFinish, healthyFinish, lost);
    }

    /** The median D2C of the requests that neither began nor ended inside a stall. */
    private static double healthyService(List<BlockRequest> rs, List<Stall> stalls) {
        double[] d2c = rs.stream().filter(r -> r.d2c() != null && !inside(r, stalls)).mapToDouble(BlockRequest::d2c).toArray();
        if (d2c.length == 0) {
            return 0;
        }
        Arrays.sort(d2c);
        return d2c[(d2c.length - 1) / 2];
    }

    private static boolean inside(BlockRequest r, List<Stall> stalls) {
        for (Stall s : stalls) {
            double end = s.end() == null ? Double.MAX_VALUE : s.end();
            if (r.issued() <= end && (r.completed() == null || r.completed() >= s.start())) {
                return true;
            }
        }
        return false;
    }

    private static Double arrival(BlockRequest r) {
        return r.queued() != null ? r.queued() : r.gotRequest() != null ? r.gotRequest() : r.issued();
    }

    private static double arrivalTime(BlockRequest r) {
        return arrival(r);
    }
}
