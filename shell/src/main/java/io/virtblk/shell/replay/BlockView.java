package io.virtblk.shell.replay;

import io.virtblk.event.BlockRequest;
import io.virtblk.replay.block.DeviceDiagnosis;
import io.virtblk.replay.block.DirectionStats;
import io.virtblk.replay.block.HungTask;
import io.virtblk.replay.block.Latency;
import io.virtblk.replay.block.QueueReplay;
import io.virtblk.replay.block.Stall;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A device's verdict as {@code devices} and {@code check} print it, and as JSON. The JSON fields
 * of {@code check --json}'s {@code devices} (device, verdict, requests, completed, errors, stuck,
 * stall, latency_us) are a contract: add, rename nothing.
 */
public final class BlockView {

    private BlockView() {
    }

    public static List<Map<String, Object>> json(List<DeviceDiagnosis> devices) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeviceDiagnosis d : devices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", d.device());
            m.put("verdict", d.verdict().word());
            m.put("requests", d.requests());
            m.put("completed", d.completed());
            m.put("errors", d.errors());
            m.put("stuck", d.stall() == null ? List.of() : d.stall().stuck().stream().map(BlockView::request).toList());
            m.put("stall", d.stall() == null ? null : stall(d.stall()));
            m.put("latency_us", latency(d.all().latency()));
            m.put("max_in_flight", d.all().maxInFlight());
            m.put("first_time", d.first());
            m.put("last_time", d.last());
            m.put("stall_bound_seconds", d.bound());
            m.put("stalls", d.stalls().stream().map(BlockView::stall).toList());
            m.put("hung_tasks", d.hungTasks().stream().map(BlockView::hung).toList());
            m.put("directions", d.directions().stream().map(BlockView::direction).toList());
            m.put("evidence", d.evidence());
            m.put("replay", replay(d.replay()));
            m.put("set_aside", d.setAside());
            out.add(m);
        }
        return out;
    }

    /** The device's arrivals on the generic queue model: the stall point and the what-if. */
    private static Map<String, Object> replay(QueueReplay q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "queue");
        m.put("tags", q.tags());
        m.put("service_us", Math.round(q.serviceSeconds() * 1e6));
        m.put("bound_seconds", q.bound());
        Map<String, Object> point = null;
        if (q.firstOverdue() != null) {
            point = request(q.firstOverdue());
            point.put("due_time", q.due());
            point.put("overdue_seconds", q.overdueSeconds());
        }
        m.put("stall_point", point);
        m.put("healthy_finish", Double.isFinite(q.healthyFinish()) ? q.healthyFinish() : null);
        m.put("actual_finish", Double.isFinite(q.actualFinish()) ? q.actualFinish() : null);
        m.put("lost_seconds", q.lostSeconds());
        return m;
    }

    /**
     * A request as JSON, the same wherever one is listed ({@code requests --json}, a stall's stuck
     * requests and the bios that waited for a tag, the queue model's stall point): times in the
     * trace's seconds, waits in microseconds, and where its lines are.
     */
    static Map<String, Object> request(BlockRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", r.dev());
        m.put("sector", r.sector());
        m.put("sectors", r.sectors());
        m.put("rwbs", r.rwbs());
        m.put("issue_time", r.issued());
        m.put("complete_time", r.completed());
        m.put("comm", r.comm());
        m.put("pid", r.pid());
        m.put("bytes", r.bytes());
        m.put("state", r.state());
        m.put("queue_time", r.queued());
        m.put("got_request_time", r.gotRequest());
        m.put("insert_time", r.inserted());
        m.put("error", r.error());
        m.put("requeues", r.requeues());
        m.put("first_issue_time", r.firstIssued());
        m.put("merges", r.merges());
        m.put("q2g_us", micros(r.q2g()));
        m.put("g2i_us", micros(r.g2i()));
        m.put("i2d_us", micros(r.i2d()));
        m.put("d2c_us", micros(r.d2c()));
        m.put("q2c_us", micros(r.q2c()));
        m.put("requeue_us", micros(r.requeueTime()));
        m.put("source", r.at().source());
        m.put("line", r.at().line());
        m.put("end_line", r.at().endLine());
        return m;
    }

    private static Long micros(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1e6);
    }

    private static Map<String, Object> stall(Stall s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", s.start());
        m.put("end", s.end());
        m.put("seconds", s.seconds());
        m.put("in_flight", s.inFlight());
        m.put("hung_tasks", s.hungTasks().stream().map(BlockView::hung).toList());
        m.put("waiting_for_tag", s.waitingForTag().stream().map(BlockView::request).toList());
        return m;
    }

    private static Map<String, Object> hung(HungTask t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comm", t.comm());
        m.put("pid", t.pid());
        m.put("job", t.job());
        m.put("time", t.time());
        m.put("blocked_seconds", t.seconds());
        m.put("frame", t.frame());
        m.put("stack", t.stack());
        m.put("title", t.title());
        m.put("reports", t.reports());
        m.put("source", t.source());
        m.put("line", t.line());
        return m;
    }

    private static Map<String, Object> direction(DirectionStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", s.direction());
        m.put("requests", s.requests());
        m.put("completed", s.completed());
        m.put("errors", s.errors());
        m.put("max_in_flight", s.maxInFlight());
        m.put("latency_us", latency(s.latency()));
        return m;
    }

    private static Map<String, Object> latency(Map<String, Latency> latency) {
        Map<String, Object> m = new LinkedHashMap<>();
        latency.forEach((k, v) -> m.put(k, Map.of("count", v.count(), "p50", v.p50(), "p99", v.p99(), "max", v.max())));
        return m;
    }

    /** The verdict and its evidence, then what the stall held; {@code table} adds btt's table per direction. */
    public static void text(List<DeviceDiagnosis> devices, boolean table, PrintWriter out) {
        for (DeviceDiagnosis d : devices) {
            out.printf(Locale.ROOT, "device %s: %s — %d request(s), %d completed, %d error(s), %.2f → %.2f%n", d.device(), d.verdict().word().toUpperCase(Locale.ROOT),
                    d.requests(), d.completed(), d.errors(), d.first(), d.last());
            for (String e : d.evidence()) {
                out.println("  " + e);
            }
            if (d.stall() != null) {
                Stall s = d.stall();
                out.printf(Locale.ROOT, "  stuck in flight (%d):%n", s.inFlight());
                for (BlockRequest r : s.stuck()) {
                    out.printf(Locale.ROOT, "    %-4s %d+%d  issued %.6f  %s  by %s  %s%n", r.rwbs(), r.sector(), r.sectors(), r.issued(),
                            r.completed() == null ? "never completed" : String.format(Locale.ROOT, "completed %.6f (D2C %.3f s)", r.completed(), r.d2c()),
                            who(r), r.at());
                }
                if (!s.waitingForTag().isEmpty()) {
                    out.printf(Locale.ROOT, "  waited for a tag (%d):%n", s.waitingForTag().size());
                    for (BlockRequest r : s.waitingForTag()) {
                        out.printf(Locale.ROOT, "    %-4s %d+%d  queued %.6f  %s  by %s  %s%n", r.rwbs(), r.sector(), r.sectors(), r.queued(),
                                r.gotRequest() == null ? "never got one" : String.format(Locale.ROOT, "got one %.6f (Q2G %.3f s)", r.gotRequest(), r.q2g()),
                                who(r), r.at());
                    }
                }
                for (HungTask t : s.hungTasks()) {
                    out.printf(Locale.ROOT, "  hung: %s:%d%s in %s at %.2f (%d report%s)  %s:%d%n", t.comm(), t.pid(), t.job() == null ? "" : " (fio job " + t.job() + ")",
                            t.where(), t.time(), t.reports(), t.reports() == 1 ? "" : "s", t.source(), t.line());
                }
                if (d.stalls().size() > 1) {
                    out.printf(Locale.ROOT, "  %d stalls in all; the longest is shown (check --json lists each)%n", d.stalls().size());
                }
            }
            for (HungTask t : d.hungTasks()) {
                out.printf(Locale.ROOT, "  hung: %s:%d%s in %s at %.2f (%d report%s)  %s:%d%n", t.comm(), t.pid(), t.job() == null ? "" : " (fio job " + t.job() + ")",
                        t.where(), t.time(), t.reports(), t.reports() == 1 ? "" : "s", t.source(), t.line());
            }
            out.printf(Locale.ROOT, "  a stall is no completion for more than %.2f s while requests are in flight%n", d.bound());
            if (table) {
                table(d, out);
            }
        }
    }

    /**
     * {@code replay --step} on a block trace: each device's requests as the queue model took them,
     * one line per arrival with the queue after it (what {@code replay --step} prints of a driver's run).
     */
    public static void steps(List<DeviceDiagnosis> devices, PrintWriter out) {
        for (DeviceDiagnosis d : devices) {
            QueueReplay q = d.replay();
            boolean stalled = d.verdict() == io.virtblk.replay.block.BlockVerdict.STALLED;
            out.printf(Locale.ROOT, "device %s on the queue model (%d tag(s), %s a request, %s): %s%n", d.device(), q.tags(),
                    us(Math.round(q.serviceSeconds() * 1e6)), stalled ? String.format(Locale.ROOT, "overdue past %.2f s", q.bound())
                            : "not stalled: no stall point", d.verdict().word().toUpperCase(Locale.ROOT));
            for (io.virtblk.replay.model.Simulator.Step st : io.virtblk.replay.block.QueueModel.steps(d)) {
                BlockRequest r = (BlockRequest) st.event().event();
                out.printf(Locale.ROOT, "  %7d %-4s %d+%d  %s%n", st.event().line(), r.rwbs(), r.sector(), r.sectors(), st.state());
            }
        }
    }

    private static void table(DeviceDiagnosis d, PrintWriter out) {
        out.printf(Locale.ROOT, "  %-8s %9s %9s %6s %9s  %-26s %-26s %-26s%n", "dir", "requests", "completed", "errors", "in-flight", "Q2G p50/p99/max", "D2C p50/p99/max",
                "Q2C p50/p99/max");
        for (DirectionStats s : d.directions()) {
            out.printf(Locale.ROOT, "  %-8s %9d %9d %6d %9d  %-26s %-26s %-26s%n", s.direction(), s.requests(), s.completed(), s.errors(), s.maxInFlight(),
                    three(s.latency().get("q2g")), three(s.latency().get("d2c")), three(s.latency().get("q2c")));
        }
    }

    private static String three(Latency l) {
        return l == null ? "-" : us(l.p50()) + " / " + us(l.p99()) + " / " + us(l.max());
    }

    static String us(long us) {
        return us >= 1_000_000 ? String.format(Locale.ROOT, "%.2fs", us / 1e6) : us >= 1000 ? String.format(Locale.ROOT, "%.1fms", us / 1000.0) : us + "µs";
    }

    static String who(BlockRequest r) {
        return r.comm() == null ? "?" : r.comm() + (r.pid() == null ? "" : ":" + r.pid());
    }
}
