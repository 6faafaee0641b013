package io.virtblk.replay.block;

import io.virtblk.event.KernelEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's hung-task reports of a case ("INFO: task fio:6339 blocked for more than 5
 * seconds"), with the fio jobs' names by pid, to be tied to a device by pid and time.
 */
final class HungTasks {

    /** A report with its time on the kernel's clock. */
    private record Report(KernelEvent.Report report, double time) {

        /** How long the task had been blocked when reported: its wait began this long before. */
        double blocked() {
            return report.seconds() == null ? 0 : report.seconds();
        }
    }

    private final List<Report> reports = new ArrayList<>();
    private final Map<Integer, String> jobs;
    private int unplaced;
    /** Where a task waits inside the block layer: for a tag, for writeback or QoS throttling, for blk-throttle. */
    private static final List<String> BLOCK_LAYER = List.of("blk_mq_get_tag", "rq_qos_wait", "wbt_wait", "blk_throtl", "__blk_mq_alloc_requests");

    HungTasks(List<KernelEvent.Report> all, Map<Integer, String> jobs) {
        for (KernelEvent.Report r : all) {
            if (r.pid() != null && r.task() != null && r.message() != null && r.message().contains("blocked for more than")) {
                if (r.prefix() != null && r.prefix().mono() != null) {
                    reports.add(new Report(r, r.prefix().mono()));
                } else {
                    unplaced++;
                }
            }
        }
        reports.sort(Comparator.comparingDouble(Report::time));
        this.jobs = jobs;
    }

    /**
     * The tasks reported at or after {@code from} whose wait had begun by {@code to} (null: still
     * going), one entry per task at its first report; only those of {@code pids} unless {@code anyPid}.
     */
    List<HungTask> during(double from, Double to, Set<Integer> pids, boolean anyPid) {
        Map<Integer, HungTask> by = new LinkedHashMap<>();
        for (Report h : reports) {
            KernelEvent.Report r = h.report();
            if (h.time() < from || to != null && h.time() - h.blocked() > to || !anyPid && !pids.contains(r.pid())) {
                continue;
            }
            HungTask seen = by.get(r.pid());
            by.put(r.pid(), seen == null
                    ? new HungTask(r.task(), r.pid(), h.time(), r.seconds(), r.guiltyFrame(), r.title(), r.at().source(), r.at().line(),
                            jobs.get(r.pid()), 1, stack(r))
                    : new HungTask(seen.comm(), seen.pid(), seen.time(), seen.seconds(), seen.frame(), seen.title(), seen.source(), seen.line(),
                            seen.job(), seen.reports() + 1, seen.stack()));
        }
        return List.copyOf(by.values());
    }

    /** Hung-task reports with no kernel seconds to place them on the trace's clock (a dmesg -T log). */
    int unplaced() {
        return unplaced;
    }

    /** True when the task's stack waits inside the block layer: its wait is no filesystem's or lock's above it. */
    static boolean inBlockLayer(HungTask t) {
        for (String f : t.stack()) {
            for (String b : BLOCK_LAYER) {
                if (f.startsWith(b)) {
                    return true;
                }
            }
        }
        return t.frame() != null && BLOCK_LAYER.stream().anyMatch(t.frame()::startsWith);
    }

    /** What a hung task was doing: its frames through the guilty one, without the scheduler's (every sleeper has them). */
    private static List<String> stack(KernelEvent.Report r) {
        List<String> out = new ArrayList<>();
        if (r.frames() == null) {
            return out;
        }
        for (KernelEvent.Frame f : r.frames()) {
            String fn = f.function();
            if (fn == null || f.uncertain() || fn.equals("__schedule") || fn.equals("schedule") || fn.startsWith("__switch_to")) {
                continue;
            }
            out.add(fn);
            if (fn.equals(r.guiltyFrame()) || out.size() == 6) {
                break;
            }
        }
        return List.copyOf(out);
    }
}
