package io.virtblk.replay.virtblkiosim;

import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.trace.TraceEvent;

/**
 * virtblkiosim's own parts of the simulated device.
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
final class VirtblkiosimState extends DeviceState {

    /** The session registered as the user app (REG_USER_CALLER), or null. */
    Integer registered;
    boolean writeFlag = true;
    boolean workerWaiting;
    TraceEvent waitingSince;
    int lockHolders;
    long unlockedAccesses;
    /** The request list was changed from two CPUs at once: the worker spins on it. */
    boolean corrupted;

    @Override
    protected void checkInvariants() {
        super.checkInvariants();
        if (lockHolders > 1 || lockHolders < 0) {
            throw new IllegalStateException("queue lock held by " + lockHolders);
        }
    }

    @Override
    protected String describeDevice() {
        return String.format("user_app=%s write_flag=%s worker=%s", registered == null ? "-" : "#" + registered, writeFlag,
                corrupted ? "SPINNING (queue corrupted)" : workerWaiting ? "WAITING for SET_BLOCK" : "running");
    }
}
