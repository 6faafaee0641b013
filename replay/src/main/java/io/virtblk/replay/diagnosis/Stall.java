package io.virtblk.replay.diagnosis;

import java.util.List;

/** Where a stalled run stopped making progress, why, and what says so. */
public record Stall(String source, int line, Double kernelTime, String event, String hazard, String explanation,
                    List<Evidence> evidence) {

    /** A line of the input that supports the diagnosis. */
    public record Evidence(int line, String text) {
    }
}
