package io.virtblk.replay.model;

import io.virtblk.replay.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simulated device at one moment. Mutable; the simulator checks its invariants after every
 * step and {@link #describe()} prints it for {@code replay --step}.
 *
 * <pre>
 *  sessions ──engage──▶ open ──BLKFLSBUF──▶ submitter (I/Os left) ──▶ release
 *                                   │ submits with the queue lock held
 *                                   ▼
 *                      request queue (depth) ──▶ worker (one work item)
 *                                                 ├─ fetch + end request  [buggy: without the lock]
 *                                                 └─ user app registered: transfer, then wait for
 *                                                    the write flag (SET_BLOCK)  [buggy: no wake on release]
 *  user-app slot: one; REG_USER_CALLER replaces it; release by its session clears it
 * </pre>
 */
public final class DeviceState {

    double now;
    final Set<Integer> open = new LinkedHashSet<>();
    /** Submitting sessions and the I/Os each still has to get done. */
    final Map<Integer, Long> submitters = new LinkedHashMap<>();
    final Map<Integer, Double> finishedAt = new LinkedHashMap<>();
    Integer registered;
    boolean writeFlag = true;
    boolean workerWaiting;
    TraceEvent waitingSince;
    long submitted;
    long completed;
    long queueDepth;
    int lockHolders;
    long unlockedAccesses;
    boolean corrupted;
    TraceEvent stallEvent;
    String stallHazard;

    public double now() {
        return now;
    }

    public boolean stalled() {
        return stallEvent != null;
    }

    public TraceEvent stallEvent() {
        return stallEvent;
    }

    public String stallHazard() {
        return stallHazard;
    }

    public Map<Integer, Double> finishedAt() {
        return finishedAt;
    }

    public long unlockedAccesses() {
        return unlockedAccesses;
    }

    /** Checked after every step; a violation is a bug in the model, so it fails loudly. */
    void checkInvariants() {
        if (queueDepth < 0) {
            throw new IllegalStateException("queue depth went negative: " + queueDepth);
        }
        if (completed > submitted) {
            throw new IllegalStateException("more requests completed (" + completed + ") than submitted (" + submitted + ")");
        }
        if (lockHolders > 1 || lockHolders < 0) {
            throw new IllegalStateException("queue lock held by " + lockHolders);
        }
        for (long left : submitters.values()) {
            if (left < 0) {
                throw new IllegalStateException("a session completed a request twice");
            }
        }
    }

    public String describe() {
        return String.format("t=%.6f open=%s submitters=%s queue=%d done=%d/%d user_app=%s write_flag=%s worker=%s%s",
                now, open, submitters, queueDepth, completed, submitted, registered == null ? "-" : "#" + registered, writeFlag,
                corrupted ? "SPINNING (queue corrupted)" : workerWaiting ? "WAITING for SET_BLOCK" : "running",
                stallEvent == null ? "" : " STALLED at line " + stallEvent.line() + " (" + stallHazard + ")");
    }
}
