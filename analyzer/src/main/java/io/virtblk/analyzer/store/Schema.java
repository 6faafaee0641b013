package io.virtblk.analyzer.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every field of the event store: its name, kind and meaning. The one source of truth for the
 * index, the query parser, the {@code fields} command and the README's table.
 */
public final class Schema {

    /** One field. {@code example} shows users what a value looks like. */
    public record Field(String name, FieldKind kind, String description) {
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    private static void def(String name, FieldKind kind, String description) {
        FIELDS.put(name, new Field(name, kind, description));
    }

    static {
        def("type", FieldKind.KEYWORD, "event type: kernel, engage, release, ioctl, report, fio_result, command, raw, ...");
        def("source", FieldKind.KEYWORD, "the loaded file, as named in load");
        def("line", FieldKind.LONG, "first input line of the event (1-based)");
        def("end_line", FieldKind.LONG, "last input line of the event");
        def("time", FieldKind.TIME, "wall-clock time as the log wrote it (syslog, RFC 3339, dmesg -T, fio start)");
        def("mono", FieldKind.DOUBLE, "kernel monotonic seconds, the [67315.455932] stamp");
        def("host", FieldKind.KEYWORD, "host name of a syslog or journal line");
        def("tag", FieldKind.KEYWORD, "syslog tag: kernel, systemd, ...");
        def("format", FieldKind.KEYWORD, "line format: SYSLOG, RFC3339, DMESG, DMESG_CTIME, CONSOLE");
        def("subsystem", FieldKind.KEYWORD, "lead of a kernel message: 'usb 1-1', 'EXT4-fs (sda1)', 'audit'");
        def("device", FieldKind.KEYWORD, "the driver that logged a driver event: virtblkiosim");
        def("message", FieldKind.TEXT, "the message text (kernel), or the line (others); bare words search it");
        def("ioctl.cmd", FieldKind.KEYWORD, "ioctl call ID in hex: 0x00001261");
        def("ioctl.name", FieldKind.KEYWORD, "ioctl command name: BLKFLSBUF, GET_BLOCK, ... (also of ioctl_symbol lines)");
        def("ioctl.dir", FieldKind.KEYWORD, "_IOC direction: none, write, read, read-write");
        def("ioctl.size", FieldKind.LONG, "_IOC argument size in bytes");
        def("ioctl.type", FieldKind.KEYWORD, "_IOC type byte in hex: 0x12, 0x71");
        def("ioctl.nr", FieldKind.LONG, "_IOC command number");
        def("ioctl.arg", FieldKind.KEYWORD, "the argument the driver logged");
        def("transfer.dir", FieldKind.LONG, "data transfer direction: 0 read from device, 1 write to device");
        def("module.major", FieldKind.LONG, "major number the driver registered");
        def("report.title", FieldKind.KEYWORD, "a kernel report's title, as syzkaller titles it: 'INFO: task hung in blk_mq_get_tag'");
        def("report.type", FieldKind.KEYWORD, "syzkaller's type of the report: HANG, WARNING, LOCKDEP, KASAN-READ, DoS, ...");
        def("report.class", FieldKind.KEYWORD, "what the report means for a run: hang, crash or bug");
        def("report.kind", FieldKind.KEYWORD, "the kind in the table of report kinds: bug, warning, info, gpf, panic, oom, ...");
        def("report.frame", FieldKind.KEYWORD, "the guilty frame the title names");
        def("report.frames", FieldKind.KEYWORD, "function names of the report's call traces");
        def("report.corrupted", FieldKind.KEYWORD, "true when the report is cut, interleaved with another or has no usable stack");
        def("report.panicked", FieldKind.KEYWORD, "true when the kernel panicked after the report");
        def("report.task", FieldKind.KEYWORD, "task the report names: the hung task, the one on the CPU, the OOM victim");
        def("report.pid", FieldKind.LONG, "its pid");
        def("report.cpu", FieldKind.LONG, "CPU the report names");
        def("report.seconds", FieldKind.DOUBLE, "seconds blocked or stuck");
        def("block.dev", FieldKind.KEYWORD, "a block trace event's device, MAJ:MIN: 7:0, 259:0");
        def("block.action", FieldKind.KEYWORD, "blktrace's action letter: Q queued, G got a request, I inserted, D issued, C completed, M/F merged, R requeued, X split, A remapped, P/U plug, unplug");
        def("block.tracepoint", FieldKind.KEYWORD, "the block tracepoint: block_rq_issue, block_rq_complete, ... (for blk tracer and blkparse lines, the one its action stands for)");
        def("block.rwbs", FieldKind.KEYWORD, "operation and flags as the kernel spells them: R, W, WS, RM, FWS, D, N");
        def("block.sector", FieldKind.LONG, "first sector (512 bytes) of the request or bio");
        def("block.sectors", FieldKind.LONG, "its length in sectors");
        def("block.bytes", FieldKind.LONG, "its size in bytes: the request's own where the tracepoint gives it, else sectors × 512");
        def("block.comm", FieldKind.KEYWORD, "the command that issued the I/O, as the event names it: fio, kworker/u8:2");
        def("block.task", FieldKind.KEYWORD, "the task running when the event fired (a completion's is often ksoftirqd or an irq's)");
        def("block.pid", FieldKind.LONG, "that task's pid");
        def("block.cpu", FieldKind.LONG, "the CPU it ran on");
        def("block.error", FieldKind.LONG, "a completion's error: 0, or -5 (EIO), -11, ...");
        def("block.format", FieldKind.KEYWORD, "how the trace was written: ftrace, trace-cmd, blk, blkparse");
        def("request.state", FieldKind.KEYWORD, "what became of a block request: completed, in-flight (issued, never completed), queued (never issued)");
        def("request.queue_time", FieldKind.DOUBLE, "when a request's bio was queued (Q), seconds on the trace clock");
        def("request.got_request_time", FieldKind.DOUBLE, "when it got a request, a tag (G)");
        def("request.insert_time", FieldKind.DOUBLE, "when it was inserted into the scheduler (I), the first time if it was requeued");
        def("request.issue_time", FieldKind.DOUBLE, "when it was issued to the device (D), the last time if it was requeued");
        def("request.first_issue_time", FieldKind.DOUBLE, "when a requeued request was first issued to the device (absent: never requeued)");
        def("request.complete_time", FieldKind.DOUBLE, "when it completed (C)");
        def("request.q2g_us", FieldKind.LONG, "a request's bio queued to got a request (tag), in microseconds: btt's Q2G");
        def("request.g2i_us", FieldKind.LONG, "got a request to inserted, µs: btt's G2I");
        def("request.i2d_us", FieldKind.LONG, "inserted to issued to the device, µs: btt's I2D, time in the scheduler (to the first issue)");
        def("request.d2c_us", FieldKind.LONG, "issued to completed, µs: btt's D2C, the device's own time");
        def("request.q2c_us", FieldKind.LONG, "queued to completed, µs: btt's Q2C, all of it");
        def("request.requeue_us", FieldKind.LONG, "first issue to last issue of a requeued request, µs: its first time on the device and its wait to go back (absent: never requeued)");
        def("request.requeues", FieldKind.LONG, "how many times the device gave the request back before completing it (absent: none)");
        def("request.merges", FieldKind.LONG, "how many more bios were merged into the request (absent: none)");
        def("fio.job", FieldKind.KEYWORD, "fio job name");
        def("fio.group", FieldKind.LONG, "fio group id");
        def("fio.rw", FieldKind.KEYWORD, "job header rw=: randread, randwrite, randrw, ...");
        def("fio.ioengine", FieldKind.KEYWORD, "job header ioengine=");
        def("fio.iodepth", FieldKind.LONG, "job header iodepth=");
        def("fio.version", FieldKind.KEYWORD, "fio version: 2.2.10, 3.33");
        def("fio.err", FieldKind.LONG, "job result err=");
        def("fio.pid", FieldKind.LONG, "job result pid=");
        def("fio.dir", FieldKind.KEYWORD, "directions of a job result: read, write, trim");
        def("fio.iops", FieldKind.DOUBLE, "I/Os per second (any direction of the result)");
        def("fio.bw", FieldKind.DOUBLE, "bandwidth in bytes per second");
        def("fio.io_bytes", FieldKind.LONG, "bytes transferred");
        def("fio.runtime_ms", FieldKind.LONG, "runtime in milliseconds");
        def("fio.notice", FieldKind.KEYWORD, "kind of a fio notice: SIGNAL, JOB_STUCK, KILLED, ERROR, JOB_NOTE, OTHER");
        def("fio.signal", FieldKind.LONG, "signal of a fio notice");
        def("fio.seconds", FieldKind.LONG, "seconds a stuck job had not exited");
        def("slat.avg", FieldKind.DOUBLE, "submission latency mean, µs");
        def("clat.avg", FieldKind.DOUBLE, "completion latency mean, µs");
        def("clat.max", FieldKind.DOUBLE, "completion latency max, µs");
        def("lat.avg", FieldKind.DOUBLE, "total latency mean, µs");
        def("lat.max", FieldKind.DOUBLE, "total latency max, µs");
        def("lat.p50", FieldKind.DOUBLE, "50th percentile of completion latency, µs");
        def("lat.p90", FieldKind.DOUBLE, "90th percentile, µs");
        def("lat.p99", FieldKind.DOUBLE, "99th percentile, µs");
        def("lat.p99_9", FieldKind.DOUBLE, "99.9th percentile, µs");
        def("lat.p99_99", FieldKind.DOUBLE, "99.99th percentile, µs");
        def("disk.device", FieldKind.KEYWORD, "device of fio's disk stats");
        def("disk.ios_read", FieldKind.LONG, "completed reads");
        def("disk.ios_write", FieldKind.LONG, "completed writes");
        def("disk.util", FieldKind.DOUBLE, "utilisation percent");
        def("command.program", FieldKind.KEYWORD, "program of a transcript command: fio, tailf, ...");
        def("sample.log", FieldKind.KEYWORD, "fio log file's name prefix (write_lat_log=NAME)");
        def("sample.kind", FieldKind.KEYWORD, "what a fio log sample measures: lat, clat, slat, bw, iops, clat_hist");
        def("sample.time_ms", FieldKind.LONG, "a fio log sample's time, ms since the job started");
        def("sample.value", FieldKind.DOUBLE, "the sample: ns (latencies), KiB/s (bw) or I/Os per second (iops)");
        def("sample.dir", FieldKind.LONG, "the sample's direction: 0 read, 1 write, 2 trim");
        def("sample.bs", FieldKind.LONG, "the sample's block size in bytes (0 for averaged samples)");
        def("hist.samples", FieldKind.LONG, "I/Os counted by a fio histogram log line (its percentiles are lat.p50 ... lat.p99_99, its top clat.max)");
    }

    private Schema() {
    }

    public static List<Field> all() {
        return List.copyOf(FIELDS.values());
    }

    public static Optional<Field> field(String name) {
        return Optional.ofNullable(FIELDS.get(name));
    }

    public static FieldKind kind(String name) {
        Field f = FIELDS.get(name);
        return f == null ? null : f.kind();
    }

    /** The field {@code stats --by} counts by: any but the text field. */
    public static Field countable(String name) {
        Field f = known(name, "");
        if (f.kind() == FieldKind.TEXT) {
            throw new QueryError(name, 1, "cannot count by the text field 'message'; use a keyword field such as type or subsystem");
        }
        return f;
    }

    /** The field {@code query --sort} sorts by: any but the text field. */
    public static Field sortable(String name) {
        Field f = known(name, " to sort by");
        if (f.kind() == FieldKind.TEXT) {
            throw new QueryError(name, 1, "cannot sort by the text field '" + name + "'");
        }
        return f;
    }

    private static Field known(String name, String purpose) {
        return field(name).orElseThrow(() -> new QueryError(name, 1,
                "unknown field '" + name + "'" + purpose + "; nearest: " + String.join(", ", nearest(name, 4))));
    }

    /** Up to {@code n} field names closest to a mistyped one, closest first. */
    public static List<String> nearest(String name, int n) {
        return io.virtblk.analyzer.Spelling.nearest(FIELDS.keySet(), name, n);
    }
}
