package io.virtblk.replay.block;

import java.util.List;

/**
 * One block device's verdict with its evidence.
 *
 * @param device     {@code MAJ:MIN}
 * @param bound      the stall bound used, seconds: no completion for longer than this while
 *                   requests were in flight is a stall
 * @param directions {@code all} first, then each direction the trace shows
 * @param stall      the longest stall, null when none
 * @param stalls     every stall, in time order
 * @param hungTasks  for {@code blocked-above}: the tasks reported hung while the device had nothing in flight
 * @param evidence   the verdict's reasons, one sentence each, most telling first
 * @param replay     the device's arrivals replayed on the generic queue model
 * @param setAside   files whose requests of this device repeat another file's (one recording in two forms): not counted
 * @param counted    the requests the verdict counts, in time order: the device's, each once
 */
public record DeviceDiagnosis(String device, BlockVerdict verdict, int requests, int completed, int errors, double first, double last,
                              double bound, List<DirectionStats> directions, Stall stall, List<Stall> stalls, List<HungTask> hungTasks,
                              List<String> evidence, QueueReplay replay, List<String> setAside,
                              List<io.virtblk.event.BlockRequest> counted) {

    /** The {@code all} line. */
    public DirectionStats all() {
        return directions.get(0);
    }
}
