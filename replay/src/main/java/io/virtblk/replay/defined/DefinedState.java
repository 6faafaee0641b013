package io.virtblk.replay.defined;

import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A defined driver's own parts of the device: its handshakes, a worker waiting at one, a corrupted structure. */
final class DefinedState extends DeviceState {

    /** Per handshake: the session that armed it (absent: not armed). */
    final Map<String, Integer> armedBy = new LinkedHashMap<>();
    /** Per handshake: open (a transfer may pass) or not. */
    final Map<String, Boolean> open = new LinkedHashMap<>();
    /** The handshake a worker waits at, or null. */
    String waitingAt;
    TraceEvent waitingSince;
    double waitStart;
    /** The structure a race corrupted, or null: no request completes again. */
    String corrupted;

    @Override
    protected String describeDevice() {
        String gates = open.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() ? "open" : "closed")
                + (armedBy.containsKey(e.getKey()) ? "(armed by #" + armedBy.get(e.getKey()) + ")" : "")).collect(Collectors.joining(" "));
        String worker = corrupted != null ? "SPINNING (" + corrupted + " corrupted)" : waitingAt != null ? "WAITING at " + waitingAt : "running";
        return (gates.isEmpty() ? "" : gates + " ") + "worker=" + worker;
    }
}
