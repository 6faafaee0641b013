package io.virtblk.replay.diagnosis;

import java.util.List;

/** Where a stalled run stopped making progress, why, what says so, and the simulated device just after that event. */
public record Stall(String source, int line, Double kernelTime, String event, String hazard, String explanation,
                    List<Evidence> evidence, String deviceState) {

    /** A line of the input that supports the diagnosis. */
    public record Evidence(int line, String text) {
    }
}
