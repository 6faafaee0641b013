package io.virtblk.replay.virtblkiosim;

import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.trace.TraceEvent;
import java.util.Map;

/**
 * virtblkiosim 0.9.x on Linux 4.4's single-queue block layer (DESIGN.md section 4), and its
 * {@code fixed} variant for what-if replays.
 *
 * <ul>
 *   <li>engage/release: no per-open state; a release by the registered user app clears the slot.</li>
 *   <li>ioctl: REG_USER_CALLER takes the one slot (H3: a second replaces the first); SET_BLOCK sets
 *       the write flag and wakes the worker; BLKFLSBUF is fio starting I/O: the session becomes a
 *       submitter.</li>
 *   <li>request path: submitters queue with the queue lock held; the one worker fetches and ends
 *       requests. Buggy: without the lock (H1) - with two submitters at once the list is corrupted
 *       and the worker spins: no request completes again. Fixed: with the lock.</li>
 *   <li>user app: each transfer needs the write flag, which starts true and is cleared by a
 *       transfer (H2: no SET_BLOCK, the worker sleeps forever). Fixed: a release of the app wakes it.</li>
 * </ul>
 */
public final class VirtblkiosimModel implements DeviceModel {

    private final boolean fixed;

    private VirtblkiosimModel(boolean fixed) {
        this.fixed = fixed;
    }

    // stateless (a replay's state is its own VirtblkiosimState): one of each serves every replay
    private static final VirtblkiosimModel BUGGY = new VirtblkiosimModel(false);
    private static final VirtblkiosimModel FIXED = new VirtblkiosimModel(true);

    /** The driver as written. */
    public static VirtblkiosimModel buggy() {
        return BUGGY;
    }

    /** H1 and H2 fixed: the worker takes the queue lock, and a release of the user app wakes it. */
    public static VirtblkiosimModel fixed() {
        return FIXED;
    }

    @Override
    public String name() {
        return fixed ? "virtblkiosim-fixed" : "virtblkiosim";
    }

    /** True for the variant with H1 and H2 fixed. */
    boolean isFixed() {
        return fixed;
    }

    @Override
    public Driver driver() {
        return VirtblkiosimDriver.INSTANCE;
    }

    @Override
    public DeviceState start() {
        return new VirtblkiosimState();
    }

    @Override
    public void finish(DeviceState state) {
        VirtblkiosimState s = (VirtblkiosimState) state;
        if (s.workerWaiting && !s.stalled()) {
            // the run ends with the worker asleep on a transfer no SET_BLOCK answered
            s.stall(s.waitingSince, Hazards.H2);
        }
    }

    @Override
    public void apply(DeviceState state, TraceEvent e, int session, Calibration cal) {
        VirtblkiosimState s = (VirtblkiosimState) state;
        switch (e.kind()) {
            case ENGAGE -> s.open().add(session);
            case RELEASE -> {
                s.release(session);
                if (s.registered != null && s.registered == session) {
                    s.registered = null;
                    if (fixed && s.workerWaiting) {
                        s.workerWaiting = false;
                        s.waitingSince = null;
                    }
                }
            }
            case IOCTL -> ioctl(s, e, session, cal);
            case TRANSFER -> {
                if (s.registered != null) {
                    if (s.writeFlag) {
                        s.writeFlag = false;
                    } else {
                        s.workerWaiting = true;
                        s.waitingSince = e;
                    }
                }
            }
            default -> { }
        }
    }

    private void ioctl(VirtblkiosimState s, TraceEvent e, int session, Calibration cal) {
        String name = e.ioctl() == null ? "" : e.ioctl();
        switch (name) {
            case "REG_USER_CALLER" -> s.registered = session;
            case "SET_BLOCK" -> {
                s.writeFlag = true;
                if (s.workerWaiting) {
                    s.workerWaiting = false;
                    s.waitingSince = null;
                }
            }
            case "BLKFLSBUF" -> {
                s.lockHolders++; // the submitter queues its requests with the queue lock held
                s.submit(session, cal.iosPerSession());
                long active = s.submitters().values().stream().filter(left -> left > 0).count();
                if (!fixed && active >= 2 && !s.corrupted) {
                    // the worker walks the list without the lock while another CPU changes it
                    s.corrupted = true;
                    s.stall(e, Hazards.H1);
                }
                s.lockHolders--;
            }
            default -> { }
        }
    }

    @Override
    public void advance(DeviceState state, double until, Calibration cal) {
        VirtblkiosimState s = (VirtblkiosimState) state;
        Map<Integer, Long> submitters = s.submitters();
        while (s.now() < until) {
            if (s.corrupted || s.workerWaiting || s.queueDepth() == 0) {
                s.now(until);
                return;
            }
            Integer next = submitters.entrySet().stream().filter(x -> x.getValue() > 0).map(Map.Entry::getKey).findFirst().orElse(null);
            if (next == null) {
                s.now(until);
                return;
            }
            // serve the submitters in turn, a batch at a time, so long runs cost few steps
            long left = submitters.get(next);
            long canDo = Math.max(1, (long) ((until - s.now()) / cal.secondsPerIo()));
            long batch = Math.min(left, Math.min(canDo, 256));
            if (!fixed && submitters.size() > 0) {
                s.unlockedAccesses += batch;
            }
            s.now(s.now() + batch * cal.secondsPerIo());
            submitters.put(next, left - batch);
            s.complete(batch);
            if (left - batch == 0) {
                s.finishedAt().put(next, s.now());
            }
            // round robin: move the served session to the back
            long rest = submitters.remove(next);
            submitters.put(next, rest);
        }
    }
}
