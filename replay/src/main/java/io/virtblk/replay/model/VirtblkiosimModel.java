package io.virtblk.replay.model;

import io.virtblk.replay.trace.TraceEvent;

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

    public static VirtblkiosimModel buggy() {
        return new VirtblkiosimModel(false);
    }

    public static VirtblkiosimModel fixed() {
        return new VirtblkiosimModel(true);
    }

    /** {@code virtblkiosim} or {@code virtblkiosim-fixed}. */
    public static DeviceModel named(String name) {
        return switch (name) {
            case "virtblkiosim" -> buggy();
            case "virtblkiosim-fixed" -> fixed();
            default -> throw new IllegalArgumentException("unknown model: " + name + "; use one of: virtblkiosim, virtblkiosim-fixed");
        };
    }

    @Override
    public String name() {
        return fixed ? "virtblkiosim-fixed" : "virtblkiosim";
    }

    @Override
    public void apply(DeviceState s, TraceEvent e, int session, Calibration cal) {
        switch (e.kind()) {
            case ENGAGE -> s.open.add(session);
            case RELEASE -> {
                s.open.remove(session);
                Long left = s.submitters.remove(session);
                if (left != null && left > 0) {
                    // fio released before the model thought its I/O done: the trace is the truth
                    s.completed += left;
                    s.queueDepth = Math.max(0, s.queueDepth - left);
                }
                s.finishedAt.putIfAbsent(session, s.now);
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

    private void ioctl(DeviceState s, TraceEvent e, int session, Calibration cal) {
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
                s.submitters.put(session, cal.iosPerSession());
                s.submitted += cal.iosPerSession();
                s.queueDepth += cal.iosPerSession();
                long active = s.submitters.values().stream().filter(left -> left > 0).count();
                if (!fixed && active >= 2 && !s.corrupted) {
                    // the worker walks the list without the lock while another CPU changes it
                    s.corrupted = true;
                    s.stallEvent = e;
                    s.stallHazard = "H1";
                }
                s.lockHolders--;
            }
            default -> { }
        }
    }

    @Override
    public void advance(DeviceState s, double until, Calibration cal) {
        while (s.now < until) {
            if (s.corrupted || s.workerWaiting || s.queueDepth == 0) {
                s.now = until;
                return;
            }
            Integer next = s.submitters.entrySet().stream().filter(x -> x.getValue() > 0).map(java.util.Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (next == null) {
                s.now = until;
                return;
            }
            // serve the submitters in turn, a batch at a time, so long runs cost few steps
            long left = s.submitters.get(next);
            long canDo = Math.max(1, (long) ((until - s.now) / cal.secondsPerIo()));
            long batch = Math.min(left, Math.min(canDo, 256));
            if (!fixed && s.submitters.size() > 0) {
                s.unlockedAccesses += batch;
            }
            s.now += batch * cal.secondsPerIo();
            s.submitters.put(next, left - batch);
            s.completed += batch;
            s.queueDepth -= batch;
            if (left - batch == 0) {
                s.finishedAt.put(next, s.now);
            }
            // round robin: move the served session to the back
            long rest = s.submitters.remove(next);
            s.submitters.put(next, rest);
        }
    }
}
