package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The times a device stopped completing while it held requests: every gap between completions
 * (and from the last completion to the trace's end) longer than the bound, with requests held
 * through it.
 */
final class Stalls {

    private Stalls() {
    }

    /**
     * @param pids    the pids that used the device: whose hung tasks are its
     * @param anyPid  true when the device is the case's only one: every hung task is its
     */
    static List<Stall> find(List<BlockRequest> rs, double traceEnd, double bound, HungTasks hung, Set<Integer> pids, boolean anyPid) {
        double[] done = rs.stream().filter(r -> r.completed() != null).mapToDouble(BlockRequest::completed).sorted().toArray();
        double[] issued = InFlight.issued(rs);
        List<Stall> out = new ArrayList<>();
        double from = issued.length == 0 ? traceEnd : issued[0];
        for (int i = 0; i <= done.length; i++) {
            double to = i < done.length ? done[i] : traceEnd;
            if (to - from > bound) {
                Stall s = stall(rs, from, i == done.length ? null : to, traceEnd, bound, hung, pids, anyPid);
                if (s != null) {
                    out.add(s);
                }
            }
            from = Math.max(from, to);
        }
        return out;
    }

    /**
     * The gap from the completion at {@code from} to the one at {@code to} (null: none before the
     * trace ended), if requests were held through it: those issued before its end that completed
     * only at its end or never (a request never completed was held through every gap after its
     * issue), and took longer than the bound. It starts at the later of the
     * completion before and the first of them issued.
     */
    private static Stall stall(List<BlockRequest> rs, double from, Double to, double traceEnd, double bound, HungTasks hung, Set<Integer> pids,
                               boolean anyPid) {
        double until = to == null ? traceEnd : to;
        List<BlockRequest> stuck = new ArrayList<>();
        double firstIssue = Double.MAX_VALUE;
        for (BlockRequest r : rs) {
            if (r.issued() != null && r.issued() < until && (r.completed() == null || r.completed() >= until)
                    && (r.completed() == null ? traceEnd : r.completed()) - r.issued() > bound) {
                stuck.add(r);
                firstIssue = Math.min(firstIssue, r.issued());
            }
        }
        if (stuck.isEmpty()) {
            return null;
        }
        double start = Math.max(from, firstIssue);
        if (until - start <= bound) {
            return null;
        }
        List<BlockRequest> waiting = new ArrayList<>();
        for (BlockRequest r : rs) {
            if (r.queued() != null && r.queued() < until && (r.gotRequest() == null ? r.issued() == null || r.issued() >= until : r.gotRequest() >= until)
                    && (r.gotRequest() == null ? traceEnd : r.gotRequest()) - r.queued() > bound) {
                waiting.add(r);
            }
        }
        return new Stall(start, to, until - start, stuck, waiting, hung.during(start, to, pids, anyPid));
    }
}
