package io.virtblk.replay.block;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sentences a verdict gives as its evidence, and how they write times and waits. */
final class Evidence {

    private Evidence() {
    }

    static String stall(String dev, Stall s) {
        StringBuilder sb = new StringBuilder();
        sb.append(dev).append(" stopped completing at ").append(time(s.start())).append(" with ").append(s.inFlight()).append(" request(s) in flight");
        sb.append(s.end() == null ? " and had not completed them when the trace ended, " + seconds(s.seconds()) + " later"
                : " and completed nothing for " + seconds(s.seconds()) + ", until " + time(s.end()));
        if (!s.waitingForTag().isEmpty()) {
            sb.append("; ").append(s.waitingForTag().size()).append(" more bio(s) waited for a request (tag) meanwhile");
        }
        if (!s.hungTasks().isEmpty()) {
            sb.append("; the kernel reported ").append(describe(s.hungTasks())).append(", ")
                    .append(seconds(s.hungTasks().get(0).time() - s.start())).append(" after it stopped");
        }
        return sb.toString();
    }

    /** "fio job randrw (pids 6339, 6340) hung in blk_mq_get_tag at 1094.88": grouped by job, or by command. */
    static String describe(List<HungTask> tasks) {
        Map<String, List<HungTask>> by = new LinkedHashMap<>();
        for (HungTask t : tasks) {
            by.computeIfAbsent(t.job() != null ? "fio job " + t.job() : t.comm() + " in " + t.frame(), k -> new ArrayList<>()).add(t);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<HungTask>> e : by.entrySet()) {
            List<HungTask> ts = e.getValue();
            String pids = String.join(", ", ts.stream().map(t -> String.valueOf(t.pid())).toList());
            HungTask f = ts.get(0);
            String head = f.job() != null ? e.getKey() : f.comm();
            parts.add(head + " (pid" + (ts.size() > 1 ? "s " : " ") + pids + ") hung in " + (f.frame() == null ? "an unknown function" : f.frame())
                    + " at " + time(f.time()));
        }
        return String.join("; ", parts);
    }

    static String time(double t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, s >= 10 ? "%.1f s" : "%.2f s", s);
    }

    static String micros(long us) {
        return us >= 1_000_000 ? seconds(us / 1e6) : us >= 1000 ? String.format(Locale.ROOT, "%.1f ms", us / 1000.0) : us + " µs";
    }
}
