package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import io.virtblk.replay.model.DeviceState;
import java.util.PriorityQueue;

/**
 * The queue model's device: when each of its slots frees, the due times of the requests it has
 * not yet completed, and what the replay found so far (the stall point, the finishes, the time
 * the late requests held the workload).
 */
final class QueueState extends DeviceState {

    /** When each slot frees: the due time of the last request it took (minus infinity: never used). */
    final PriorityQueue<Double> free = new PriorityQueue<>();
    /** The due times of the requests the model has not completed yet. */
    final PriorityQueue<Double> dueTimes = new PriorityQueue<>();
    private final int tags;
    /** When the stall point (the request the replay stalled on) was due, and how late it came back. */
    Double firstDue;
    Double late;
    double healthyFinish = Double.NEGATIVE_INFINITY;
    double actualFinish = Double.NEGATIVE_INFINITY;
    /** The union of the late requests' [due, came back] spans, each moment counted once. */
    double lost;
    private double spanStart;
    private double spanEnd = -Double.MAX_VALUE;

    QueueState(int tags) {
        this.tags = tags;
        for (int i = 0; i < tags; i++) {
            free.add(Double.NEGATIVE_INFINITY);
        }
    }

    /** The stall point: the request the replay stalled on, or null. */
    BlockRequest first() {
        return stalled() ? (BlockRequest) stallEvent().event() : null;
    }

    /** A request due at {@code due} came back at {@code done}, later than the bound allows (arrivals come in order of their due times' starts). */
    void late(double due, double done) {
        if (due > spanEnd) {
            lost += Math.max(0, spanEnd - spanStart);
            spanStart = due;
        }
        spanEnd = Math.max(spanEnd, done);
    }

    /** After the last arrival: the last span of late requests is counted. */
    void closeLateSpan() {
        lost += Math.max(0, spanEnd - spanStart);
        spanStart = spanEnd;
    }

    @Override
    protected void checkInvariants() {
        super.checkInvariants();
        if (free.size() != tags) {
            throw new IllegalStateException("the queue has " + free.size() + " slots, not " + tags);
        }
    }

    @Override
    protected String describeSessions() {
        return ""; // a block trace's requests have no sessions
    }

    @Override
    protected String describeDevice() {
        return "in_service=" + Math.min(tags, dueTimes.size()) + "/" + tags + " waiting=" + Math.max(0, dueTimes.size() - tags)
                + (stalled() ? " first_overdue=" + first().sector() + "+" + first().sectors() : "");
    }
}
