package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.List;

/**
 * A time the device stopped completing while it had requests: from its last completion before
 * (or the first stuck issue, if later) to its first completion after.
 *
 * @param end            null when it never completed again before the trace ended
 * @param seconds        end − start, or the trace's end − start when it never completed again
 * @param stuck          the requests it held through it: issued, completed only at its end or never
 * @param waitingForTag  bios queued in it that got no request (tag) until it ended, or never
 * @param hungTasks      tasks the kernel reported hung during it, tied by pid, command and time
 */
public record Stall(double start, Double end, double seconds, List<BlockRequest> stuck, List<BlockRequest> waitingForTag,
                    List<HungTask> hungTasks) {

    /** Requests in flight through it. */
    public int inFlight() {
        return stuck.size();
    }
}
