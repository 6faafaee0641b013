package io.virtblk.replay.diagnosis;

import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.TraceEvent;
import java.util.Locale;

/** The plain-language account of a stall, naming the driver and block-layer functions involved. */
final class Explanations {

    private Explanations() {
    }

    static String of(String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        if (Hazard.H1.equals(hazard)) {
            return String.format(Locale.ROOT, "At line %d a second submitter started I/O (BLKFLSBUF) while another was still submitting. "
                    + "virtblkiosim's request function is called by the block layer with the queue lock held and only schedules its one "
                    + "shared work item; the work item then loops over blk_fetch_request() and __blk_end_request_all(), whose contract "
                    + "requires q->queue_lock, without taking it. With one submitter the race stays latent (accounting drifts); with two "
                    + "on an SMP guest the request list is changed from two CPUs at once, gets corrupted, and a CPU spins on it: the VM "
                    + "freezes and fio's jobs never exit. Fix: take spin_lock_irq(q->queue_lock) around the fetch/end calls in the work "
                    + "item (or move the driver to blk-mq). A replay against the fixed model completes in about %.2f s.",
                    at.line(), cal.secondsFor(Math.max(2, run.maxConcurrentIo())));
        }
        if (Hazard.H2.equals(hazard)) {
            return "A user app was registered (REG_USER_CALLER), so the work item logs the transfer direction and sleeps until a "
                    + "SET_BLOCK ioctl sets the write flag; at line " + at.line() + " it began a transfer for which no SET_BLOCK came "
                    + "(the app stopped, exited or released), so the worker sleeps forever and every later I/O queues behind it: "
                    + "hung tasks. Fix: wake the worker and fail or complete pending requests when the registered app releases the "
                    + "device, and do not let I/O wait on a user-space handshake without a timeout.";
        }
        if (run.sessions().isEmpty()) {
            return "The log says the machine stopped making progress (line " + at.line() + "), but the device logged no activity in "
                    + "this run: the stall is not virtblkiosim's. Read the kernel's report and its call trace "
                    + "('context 20 " + at.line() + "@" + source + "').";
        }
        return "The log and fio say the run stopped making progress after line " + at.line() + ", but the model of virtblkiosim "
                + "finds no hazard in the device's events: look at the kernel's reports and the lines around it ('context 10 "
                + at.line() + "@" + source + "').";
    }
}
