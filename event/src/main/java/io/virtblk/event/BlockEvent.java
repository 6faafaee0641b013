package io.virtblk.event;

/**
 * One step in the life of a block-layer request or bio, as the kernel's block tracepoints logged
 * it: queued, got a request, inserted, issued to the device, completed, merged, requeued, split,
 * remapped, or the queue plugged and unplugged. Read from ftrace text, {@code trace-cmd report},
 * the kernel's {@code blk} tracer or {@code blkparse}; {@code format} says which.
 *
 * @param time       seconds on the trace clock, the kernel log's {@code [seconds]} clock when the
 *                   trace was recorded with {@code trace_clock=perf} or {@code local}
 * @param task       the task that was running when the event fired ({@code fio}, {@code ksoftirqd/1}),
 *                   null when the format does not say
 * @param pid        that task's pid
 * @param cpu        the CPU it ran on
 * @param tracepoint the tracepoint's name ({@code block_rq_issue}); for the blk tracer and blkparse,
 *                   the name their action letter stands for
 * @param action     blktrace's action letter: Q G I D C M F R X A B P U, or S (sleep), T/N (timer and
 *                   plug notes), m (a message)
 * @param dev        {@code MAJ:MIN}
 * @param rwbs       the operation and its flags as the kernel spells them: R, W, WS, RM, FWS, D (discard), N (none)
 * @param sector     first sector (512 bytes), null when the event has none
 * @param sectors    how many sectors, null when the event has none
 * @param bytes      the request's size in bytes, where the tracepoint gives it ({@code block_rq_issue}, {@code block_rq_insert})
 * @param comm       the command named in brackets: who issued the I/O ({@code [fio]}); null at a completion
 * @param error      a completion's error ({@code 0}, {@code -5}), null elsewhere
 * @param detail     what the event says beyond these: a remap's origin ({@code 7,0 1024}), a split's new
 *                   sector, the count an unplug gives, a message's text
 * @param message    the line after its prefix (task, CPU, flags, time): the tracepoint or action and
 *                   what it says, the words a search reads (the prefix's are fields)
 */
public record BlockEvent(Origin at, String raw, String format, double time, String task, Integer pid, Integer cpu,
                         String tracepoint, String action, String dev, String rwbs, Long sector, Integer sectors, Long bytes,
                         String comm, Integer error, String detail, String message) implements Event {

    @Override
    public String type() {
        return "block";
    }

    /** The bytes the event covers: the request's own size, else its sectors × 512; null when it has neither. */
    public Long size() {
        return bytes != null ? bytes : sectors == null ? null : sectors * 512L;
    }
}
