package io.virtblk.replay.diagnosis;

import java.util.List;

/**
 * Where a stalled run stopped making progress, why, what says so, and the simulated device just
 * after that event; {@code report} is the title of the kernel's own hang report in the run
 * ({@code INFO: task hung in blk_mq_get_tag}), null when the kernel reported none.
 */
public record Stall(String source, int line, Double kernelTime, String event, String hazard, String explanation,
                    List<Evidence> evidence, String deviceState, String report) {

    /** A line of the input that supports the diagnosis. */
    public record Evidence(int line, String text) {
    }
}
