package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;

/**
 * A device's requests replayed on {@link QueueModel}: when each was due on a healthy device of the
 * same depth and pace, which one first went past its due time by more than the bound, and when
 * the same arrivals would have finished.
 *
 * @param tags            the queue depth used: the most requests the device had in flight at once
 * @param serviceSeconds  the service time used: the median D2C of the requests outside any stall
 * @param bound           how far past its due time a request must be to be the stall point, seconds
 * @param firstOverdue    the stall point: the first request (by arrival) completed later than due + bound, or never; null when none
 * @param due             when the stall point was due on the model
 * @param overdueSeconds  how late it was: its completion (or the trace's end) minus its due time
 * @param actualFinish    the trace's last completion
 * @param healthyFinish   when the model completes the same arrivals: the last one's due time
 * @param lostSeconds     the time the late requests held the workload: their spans from due to
 *                        completion, each moment counted once; a workload that waits for its I/O
 *                        (fio keeps iodepth requests out) would have finished about that much sooner
 * @param traceEnd        when the case's trace ended: a request never completed counts as coming back then
 */
public record QueueReplay(int tags, double serviceSeconds, double bound, BlockRequest firstOverdue, Double due, Double overdueSeconds,
                          double actualFinish, double healthyFinish, double lostSeconds, double traceEnd) {

    /** The same replay with no stall point: a device judged not stalled has none, however the model timed it. */
    QueueReplay withoutStallPoint() {
        return new QueueReplay(tags, serviceSeconds, bound, null, null, null, actualFinish, healthyFinish, lostSeconds, traceEnd);
    }
}
