package io.virtblk.replay.block;

/**
 * A task the kernel reported hung, tied to a device: the first report of it and how many there were.
 *
 * @param time     when the kernel first reported it, on the kernel log's clock
 * @param seconds  how long it had been blocked then, as the report says
 * @param frame    where it was blocked: the report's guilty frame ({@code blk_mq_get_tag})
 * @param job      the fio job whose pid it is, null when no fio output of the case names the pid
 * @param reports  how many reports named it
 * @param stack    its call trace's first functions through the guilty frame, innermost first, the
 *                 scheduler's own left out: {@code percpu_rwsem_wait, __percpu_down_read, vfs_write}
 */
public record HungTask(String comm, int pid, double time, Double seconds, String frame, String title, String source, int line,
                       String job, int reports, java.util.List<String> stack) {

    /** "vfs_write (percpu_rwsem_wait ← __percpu_down_read ← vfs_write)", or the frame alone. */
    public String where() {
        String f = frame == null ? "an unknown function" : frame;
        return stack.size() <= 1 ? f : f + " (" + String.join(" ← ", stack) + ")";
    }
}
