package io.virtblk.event;

/**
 * One block-layer request through its life on one device, paired from its {@link BlockEvent}s:
 * its bio queued (Q), a request got for it (G), inserted into the scheduler (I), issued to the
 * device (D), completed (C). A time is null for a step the trace did not show (blk-mq issues
 * without an insert; a request queued before the trace began shows no Q). {@code at} spans its
 * first to its last event's line; {@code raw} is the line it began with (its other lines are its
 * events', each an event of its own: a request is what they add up to, not more text).
 *
 * @param comm     who issued it ({@code fio}), from its queue or issue event
 * @param pid      the pid of the task that queued or issued it
 * @param inserted    when it was first inserted (I): a requeued request is inserted again, and the
 *                    waits are each counted once, in the step they belong to
 * @param issued      when it was last issued (D), the issue that completed
 * @param requeues    how many times the device gave it back (R) before it completed
 * @param merges      how many more bios were merged into it (M, F)
 * @param firstIssued when it was first issued, where it was requeued (null otherwise: then it is {@code issued})
 */
public record BlockRequest(Origin at, String raw, String format, String dev, String rwbs, Long sector, Integer sectors, Long bytes,
                           String comm, Integer pid, Double queued, Double gotRequest, Double inserted, Double issued,
                           Double completed, Integer error, int requeues, int merges, Double firstIssued) implements Event {

    /** A request never requeued, or one whose first issue is not known. */
    public BlockRequest(Origin at, String raw, String format, String dev, String rwbs, Long sector, Integer sectors, Long bytes,
                        String comm, Integer pid, Double queued, Double gotRequest, Double inserted, Double issued,
                        Double completed, Integer error, int requeues, int merges) {
        this(at, raw, format, dev, rwbs, sector, sectors, bytes, comm, pid, queued, gotRequest, inserted, issued, completed, error,
                requeues, merges, null);
    }

    /** What became of it: {@code completed}, {@code in-flight} (issued, never completed) or {@code queued} (never issued). */
    public String state() {
        return completed != null ? "completed" : issued != null ? "in-flight" : "queued";
    }

    @Override
    public String type() {
        return "request";
    }

    /** Queued to got-a-request, in seconds: waiting for a tag. */
    public Double q2g() {
        return between(queued, gotRequest);
    }

    /** Got-a-request to inserted. */
    public Double g2i() {
        return between(gotRequest, inserted);
    }

    /** Inserted to issued: time in the scheduler (to the first issue, when it was requeued). */
    public Double i2d() {
        return between(inserted, firstIssued != null ? firstIssued : issued);
    }

    /**
     * First issue to last issue, for a request the device gave back: its first time on the device
     * and its wait to be issued again, which belong to no step above (null when never requeued).
     */
    public Double requeueTime() {
        return firstIssued == null ? null : between(firstIssued, issued);
    }

    /** Issued to completed: the device's own time. */
    public Double d2c() {
        return between(issued, completed);
    }

    /** Queued to completed: all of it. */
    public Double q2c() {
        return between(queued, completed);
    }

    /** Queued to issued: all the waiting before the device had it. */
    public Double q2d() {
        return between(queued, issued);
    }

    /** The first time the trace shows for it. */
    public double start() {
        return queued != null ? queued : gotRequest != null ? gotRequest : inserted != null ? inserted : issued != null ? issued
                : completed != null ? completed : Double.NaN;
    }

    private static Double between(Double from, Double to) {
        return from == null || to == null ? null : to - from;
    }
}
