package io.virtblk.replay.virtblkiosim;

import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.SessionRules;
import io.virtblk.replay.trace.TraceEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * virtblkiosim 0.9.x, the toy block driver of the first case (DESIGN.md section 4): its models
 * (as written, and fixed), its session rules, its hazards H1–H3 and their explanations, and the
 * log its reproducer should leave.
 */
public final class VirtblkiosimDriver implements Driver {

    /** The one instance: {@link java.util.ServiceLoader} makes another, which behaves the same. */
    static final VirtblkiosimDriver INSTANCE = new VirtblkiosimDriver();

    /** virtblkioctl's commands: a user app keeps its one session open across many of them. */
    private static final SessionRules RULES = new SessionRules(Set.of("REG_USER_CALLER", "GET_REQUEST_SIZE", "GET_BLOCK", "SET_BLOCK"));

    @Override
    public String name() {
        return "virtblkiosim";
    }

    @Override
    public String summary() {
        return "the toy driver virtblkiosim 0.9 on Linux 4.4 (virtblkiosim-fixed: H1 and H2 fixed)";
    }

    @Override
    public List<DeviceModel> models() {
        return List.of(VirtblkiosimModel.buggy(), VirtblkiosimModel.fixed());
    }

    @Override
    public Optional<DeviceModel> repaired() {
        return Optional.of(VirtblkiosimModel.fixed());
    }

    @Override
    public SessionRules sessionRules() {
        return RULES;
    }

    @Override
    public List<Hazard> hazards(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model) {
        return Hazards.of(run, stalled, replay, cal, model);
    }

    @Override
    public Optional<String> explain(String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        if (Hazards.H1.equals(hazard)) {
            return Optional.of(String.format(Locale.ROOT, "At line %d a second submitter started I/O (BLKFLSBUF) while another was still "
                    + "submitting. virtblkiosim's request function is called by the block layer with the queue lock held and only schedules "
                    + "its one shared work item; the work item then loops over blk_fetch_request() and __blk_end_request_all(), whose "
                    + "contract requires q->queue_lock, without taking it. With one submitter the race stays latent (accounting drifts); "
                    + "with two on an SMP guest the request list is changed from two CPUs at once, gets corrupted, and a CPU spins on it: "
                    + "the VM freezes and fio's jobs never exit. Fix: take spin_lock_irq(q->queue_lock) around the fetch/end calls in the "
                    + "work item (or move the driver to blk-mq). A replay against the fixed model completes in about %.2f s.",
                    at.line(), cal.secondsFor(Math.max(2, run.maxConcurrentIo()))));
        }
        if (Hazards.H2.equals(hazard)) {
            return Optional.of("A user app was registered (REG_USER_CALLER), so the work item logs the transfer direction and sleeps until a "
                    + "SET_BLOCK ioctl sets the write flag; at line " + at.line() + " it began a transfer for which no SET_BLOCK came "
                    + "(the app stopped, exited or released), so the worker sleeps forever and every later I/O queues behind it: "
                    + "hung tasks. Fix: wake the worker and fail or complete pending requests when the registered app releases the "
                    + "device, and do not let I/O wait on a user-space handshake without a timeout.");
        }
        return Optional.empty();
    }

    @Override
    public String expectedLog(List<DeviceSession> sessions, String hazard) {
        StringBuilder sb = new StringBuilder();
        for (DeviceSession s : sessions) {
            if (s.kind() == DeviceSession.Kind.IO) {
                sb.append("virtblkiosim: Device engage: private_data: virtblkiosim\n");
                sb.append("virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: …\n");
            } else if (s.kind() == DeviceSession.Kind.USER_APP) {
                sb.append("virtblkiosim: Device engage: private_data: virtblkiosim\n");
                sb.append("virtblkiosim: ===> ioctl() call ID: 0x00007100 (dir: 0x0 | size: 0x000 | chr: 0x71 'q' | func: 0x00) ===> arg: 0\n");
                sb.append("virtblkiosim: ===> REG_USER_CALLER\n");
                sb.append("virtblkiosim: ===> Data transfer dir: …   (then GET_REQUEST_SIZE, GET_BLOCK, SET_BLOCK for each I/O the app makes)\n");
            }
        }
        if (Hazards.H2.equals(hazard)) {
            sb.append("virtblkiosim: ===> Data transfer dir: …   (no SET_BLOCK follows; the app's 'Device release' if it exits, fio's never;\n");
            sb.append("  INFO: task fio:… blocked for more than 120 seconds)\n");
        } else {
            sb.append("(no 'Device release' follows; fio: job '…' hasn't exited in 60 seconds; possibly watchdog: BUG: soft lockup - CPU#N stuck)\n");
        }
        return sb.toString();
    }
}
