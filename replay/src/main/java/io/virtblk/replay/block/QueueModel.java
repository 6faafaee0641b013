package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.TraceEvent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The generic block device model, the second {@link DeviceModel} beside the drivers' and chosen
 * when what was loaded is a block trace: a queue of {@code tags} slots, each request holding one
 * for the same service time, both learned from the trace (the most in flight at once; the median
 * D2C outside any stall, handed in as the replay's {@link Calibration}). The {@link Simulator}
 * steps it on each request's arrival (its bio queued or, when the trace shows no Q, when it got a
 * request or was issued), in arrival order: the request waits for a free slot and is due one
 * service time later, and between arrivals the slots whose requests are due free up. The first
 * request that came back later than its due time by more than the bound is where the device
 * stopped keeping pace: the replay stalls there ({@link #OVERDUE}). What it models is the device
 * the block layer sees, not a driver's rules: its {@link #driver()} is the {@link BlockLayer}.
 */
public final class QueueModel implements DeviceModel {

    /** The stall's name: a request came back later than its due time by more than the bound. */
    public static final String OVERDUE = "OVERDUE";

    private final int tags;
    private final double bound;
    private final double traceEnd;

    /**
     * @param tags     the queue depth: the most requests the device had in flight at once
     * @param bound    how far past its due time a request must come back to be the stall point, seconds
     * @param traceEnd when the trace ends: a request never completed counts as coming back then
     */
    public QueueModel(int tags, double bound, double traceEnd) {
        this.tags = Math.max(1, tags);
        this.bound = bound;
        this.traceEnd = traceEnd;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Driver driver() {
        return new BlockLayer(this);
    }

    @Override
    public DeviceState start() {
        return new QueueState(tags);
    }

    @Override
    public void apply(DeviceState state, TraceEvent event, int session, Calibration calibration) {
        if (!event.is(EventKind.REQUEST) || !(event.event() instanceof BlockRequest r)) {
            return;
        }
        QueueState q = (QueueState) state;
        double due = Math.max(state.now(), q.free.poll()) + calibration.secondsPerIo();
        q.free.add(due);
        q.dueTimes.add(due);
        state.queue(1);
        q.healthyFinish = Math.max(q.healthyFinish, due);
        if (r.completed() != null) {
            q.actualFinish = Math.max(q.actualFinish, r.completed());
        }
        double done = r.completed() != null ? r.completed() : traceEnd;
        if (done - due > bound) {
            if (!state.stalled()) {
                state.stall(event, OVERDUE);
                q.firstDue = due;
                q.late = done - due;
            }
            q.late(due, done);
        }
    }

    @Override
    public void advance(DeviceState state, double until, Calibration calibration) {
        QueueState q = (QueueState) state;
        while (!q.dueTimes.isEmpty() && q.dueTimes.peek() <= until) {
            q.dueTimes.poll();
            state.complete(1);
        }
    }

    @Override
    public void finish(DeviceState state) {
        QueueState q = (QueueState) state;
        q.closeLateSpan();
        advance(state, Double.MAX_VALUE, null);
    }

    /** The device's requests replayed on a queue of {@code tags} at the pace of its requests outside the {@code stalls}. */
    static QueueReplay replay(List<BlockRequest> rs, int tags, List<Stall> stalls, double bound, double traceEnd) {
        QueueModel model = new QueueModel(tags, bound, traceEnd);
        double service = healthyService(rs, stalls);
        QueueState q = (QueueState) Simulator.run(model, arrivals(rs), Map.of(), pace(service), false).end();
        return new QueueReplay(model.tags, service, bound, q.first(), q.firstDue, q.late, q.actualFinish, q.healthyFinish, q.lost, traceEnd);
    }

    /** The healthy pace as the simulator takes it: {@code service} seconds a request. */
    static Calibration pace(double service) {
        return new Calibration(service, 1, String.format("the median D2C of the requests outside any stall: %.1f µs", service * 1e6));
    }

    /**
     * The device's replay again, step by step: each arrival and the queue after it ({@code replay
     * --step} on a block trace). A device not judged stalled has no stall point, however late the
     * model timed one of its requests (a long flush on a device that went on completing), so it is
     * stepped with no bound: no step of it says the device stalled.
     */
    public static List<Simulator.Step> steps(DeviceDiagnosis d) {
        QueueReplay q = d.replay();
        double bound = d.verdict() == BlockVerdict.STALLED ? q.bound() : Double.POSITIVE_INFINITY;
        return Simulator.run(new QueueModel(q.tags(), bound, q.traceEnd()), arrivals(d.counted()), Map.of(), pace(q.serviceSeconds()), true).steps();
    }

    /** Each request's arrival as an event the simulator steps on, in arrival order. */
    static List<TraceEvent> arrivals(List<BlockRequest> rs) {
        return rs.stream().filter(r -> arrival(r) != null).sorted(Comparator.comparingDouble(r -> arrival(r)))
                .map(r -> new TraceEvent(r.at().line(), EventKind.REQUEST, arrival(r), null, null, null, r)).toList();
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
}
