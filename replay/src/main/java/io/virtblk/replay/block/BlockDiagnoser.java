package io.virtblk.replay.block;

import static io.virtblk.replay.block.Evidence.micros;
import static io.virtblk.replay.block.Evidence.seconds;
import static io.virtblk.replay.block.Evidence.time;

import io.virtblk.event.BlockRequest;
import io.virtblk.event.KernelEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A verdict per block device from its requests and the kernel's hung-task reports, all on the
 * kernel log's one clock.
 *
 * <p>A stall is a time with requests in flight and no completion for longer than the bound:
 * {@link #MIN_BOUND} seconds, or {@link #BOUND_TIMES_P99} times the device's own p99 D2C when that
 * is longer (a slow disk's usual wait is no stall). The bound is said with every verdict. Waiting
 * before the device counts as throttling when the p99 of queued-to-issued is at least
 * {@link #THROTTLE_MIN} seconds and {@link #THROTTLE_TIMES} times the p99 of the device's own time.
 */
public final class BlockDiagnoser {

    static final double MIN_BOUND = 1.0;
    static final double BOUND_TIMES_P99 = 20;
    static final double THROTTLE_MIN = 0.1;
    static final double THROTTLE_TIMES = 10;
    /** btt's waits, in the order a request meets them, and Q2D, all the waiting before the device. */
    private static final Map<String, Function<BlockRequest, Double>> WAITS = new java.util.LinkedHashMap<>();

    static {
        WAITS.put("q2g", BlockRequest::q2g);
        WAITS.put("g2i", BlockRequest::g2i);
        WAITS.put("i2d", BlockRequest::i2d);
        WAITS.put("d2c", BlockRequest::d2c);
        WAITS.put("q2c", BlockRequest::q2c);
        WAITS.put("q2d", BlockRequest::q2d);
    }

    private BlockDiagnoser() {
    }

    /**
     * @param requests   every device's requests, in any order
     * @param reports    the kernel's reports of the same case (hung-task reports are used)
     * @param fio        the fio jobs of the case's fio output: their names by pid, and what they waited
     */
    public static List<DeviceDiagnosis> diagnose(List<BlockRequest> requests, List<KernelEvent.Report> reports, List<FioJob> fio) {
        return diagnose(requests, reports, fio, Double.NaN);
    }

    /**
     * As above, the case ending at {@code caseEnd} on the kernel's clock (its last line of any kind,
     * trace or log; NaN when unknown, then each device's last event): a device still holding
     * requests then has been stalled until there.
     */
    public static List<DeviceDiagnosis> diagnose(List<BlockRequest> requests, List<KernelEvent.Report> reports, List<FioJob> fio, double caseEnd) {
        Map<Integer, String> jobsByPid = new java.util.HashMap<>();
        for (FioJob j : fio) {
            if (j.pid() != null) {
                jobsByPid.put(j.pid(), j.job());
            }
        }
        Map<String, List<BlockRequest>> byDevice = new TreeMap<>(Comparator.comparingLong(BlockDiagnoser::deviceOrder).thenComparing(Comparator.naturalOrder()));
        for (BlockRequest r : requests) {
            if (r.dev() != null) {
                byDevice.computeIfAbsent(r.dev(), k -> new ArrayList<>()).add(r);
            }
        }
        HungTasks hung = new HungTasks(reports, jobsByPid);
        boolean only = byDevice.size() == 1;
        // first every device's stalls, then the verdicts: a task hung in one device's stall is no other device's
        List<Device> devices = new ArrayList<>();
        java.util.Set<Integer> explained = new java.util.HashSet<>();
        for (Map.Entry<String, List<BlockRequest>> e : byDevice.entrySet()) {
            Device d = new Device(e.getKey(), SameRecording.of(e.getValue()), hung, only, caseEnd);
            d.stalls.forEach(st -> st.hungTasks().forEach(t -> explained.add(t.pid())));
            devices.add(d);
        }
        List<DeviceDiagnosis> out = new ArrayList<>();
        for (Device d : devices) {
            out.add(d.diagnosis(hung, fio, explained));
        }
        return out;
    }

    /** One device's requests, the bound learned from them and its stalls: what its verdict is made from. */
    private static final class Device {
        final String dev;
        final SameRecording once;
        final List<BlockRequest> rs;
        final boolean only;
        final double first;
        final double last;
        final double end;
        final List<DirectionStats> directions;
        final double bound;
        final java.util.Set<Integer> pids = new java.util.HashSet<>();
        final List<Stall> stalls;

        Device(String dev, SameRecording once, HungTasks hung, boolean only, double caseEnd) {
            this.dev = dev;
            this.once = once;
            this.only = only;
            this.rs = atTheDevice(once.requests());
            rs.sort(Comparator.comparingDouble(BlockRequest::start));
            double from = Double.MAX_VALUE;
            double to = -Double.MAX_VALUE;
            for (BlockRequest r : rs) {
                for (Double t : new Double[] {r.queued(), r.gotRequest(), r.inserted(), r.issued(), r.completed()}) {
                    if (t != null) {
                        from = Math.min(from, t);
                        to = Math.max(to, t);
                    }
                }
                if (r.pid() != null) {
                    pids.add(r.pid());
                }
            }
            first = from;
            last = to;
            end = Double.isNaN(caseEnd) ? to : Math.max(to, caseEnd);
            directions = directions(rs);
            // the bound comes from the device's pace outside what the smallest bound already calls stalled:
            // stuck requests in its own p99 would raise it past their stall
            List<Stall> rough = Stalls.find(rs, end, MIN_BOUND, hung, pids, only);
            java.util.Set<BlockRequest> held = new java.util.HashSet<>();
            rough.forEach(st -> held.addAll(st.stuck()));
            Latency pace = Latency.over(rs, r -> held.contains(r) ? null : r.d2c());
            bound = Math.max(MIN_BOUND, pace == null ? 0 : BOUND_TIMES_P99 * pace.p99() / 1e6);
            stalls = Stalls.find(rs, end, bound, hung, pids, only);
        }

        DeviceDiagnosis diagnosis(HungTasks hung, List<FioJob> fio, java.util.Set<Integer> explained) {
            Stall longest = stalls.stream().max(Comparator.comparingDouble(Stall::seconds)).orElse(null);
            DirectionStats all = directions.get(0);
            Latency d2c = all.latency().get("d2c");
            List<String> evidence = new ArrayList<>();
            BlockVerdict verdict;
            List<HungTask> above = List.of();
            // hung while the device held nothing, waiting on something that is not the block layer's
            List<HungTask> during = hung.during(first, end + bound, pids, only).stream()
                    .filter(t -> !explained.contains(t.pid()) && InFlight.at(rs, t.time()) == 0 && !HungTasks.inBlockLayer(t)).toList();
            if (longest != null) {
                verdict = BlockVerdict.STALLED;
                evidence.add(Evidence.stall(dev, longest));
            } else if (!during.isEmpty()) {
                verdict = BlockVerdict.BLOCKED_ABOVE;
                above = during;
                evidence.add("the kernel reported " + Evidence.describe(above) + " while " + dev + " had nothing in flight and completed every "
                        + "request it got within " + seconds(bound) + ": the wait is above the block layer, in " + above.get(0).where());
            } else if (waitBeforeDevice(rs) instanceof Latency g2d && throttled(g2d, d2c)) {
                verdict = BlockVerdict.THROTTLED;
                evidence.add("requests waited after they got a tag and before " + dev + " had them (p99 " + micros(g2d.p99()) + ", max "
                        + micros(g2d.max()) + ") while the device took p99 " + micros(d2c.p99()) + " for each: the waiting happened before the device");
            } else if (slowAbove(all, fio, pids, only) instanceof FioJob slow) {
                // blk-throttle holds a bio before block_bio_queue fires: the trace cannot show that wait, fio's own latency can
                verdict = BlockVerdict.THROTTLED;
                Latency q2c = all.latency().get("q2c");
                long byWorkers = rs.stream().filter(r -> r.comm() != null && r.comm().startsWith("kworker")).count();
                evidence.add("fio job " + slow.job() + (slow.pid() == null ? "" : " (pid " + slow.pid() + ")") + " waited " + seconds(slow.clatAvg())
                        + " per I/O on average" + (slow.clatP99() == null ? "" : " (p99 " + seconds(slow.clatP99()) + ")") + " while " + dev
                        + " took p99 " + micros(q2c.p99()) + " from queue to completion for every request it got: the waiting happened before the block layer queued them"
                        + (byWorkers * 2 > rs.size() ? " (" + byWorkers + " of " + rs.size() + " bios were queued by kworker threads, as the block throttle releases bios it held)" : ""));
            } else {
                verdict = BlockVerdict.HEALTHY;
                evidence.add(dev + " completed " + all.completed() + " of " + all.requests() + " request(s)"
                        + (d2c == null ? "" : ", p99 " + micros(d2c.p99()) + ", max " + micros(d2c.max()))
                        + "; it never went " + seconds(bound) + " without completing while it had requests");
            }
            if (all.errors() > 0) {
                evidence.add(all.errors() + " request(s) completed with an error");
            }
            if (hung.unplaced() > 0) {
                evidence.add(hung.unplaced() + " hung-task report(s) carry no [seconds] stamp (a dmesg -T or journal log?): they cannot be "
                        + "placed on the trace's clock; load the kernel log with its [seconds] stamps (dmesg, kern.log)");
            }
            once.setAside().forEach((file, repeats) -> evidence.add(file + " holds the same recording of " + dev + " as " + repeats
                    + ": its requests are counted once, from " + repeats));
            QueueReplay replay = QueueModel.replay(rs, all.maxInFlight(), stalls, bound, end);
            if (replay.firstOverdue() != null && verdict == BlockVerdict.STALLED) {
                BlockRequest r = replay.firstOverdue();
                evidence.add("replayed on a queue of " + replay.tags() + " tag(s) at the device's healthy pace (" + micros(Math.round(replay.serviceSeconds() * 1e6))
                        + " a request), " + r.rwbs() + " " + r.sector() + "+" + r.sectors() + " was due at " + time(replay.due()) + " and came back "
                        + seconds(replay.overdueSeconds()) + " late: the stall point. On a healthy device the same arrivals complete by "
                        + time(replay.healthyFinish()) + "; the late requests held the workload " + seconds(replay.lostSeconds())
                        + ", so a run that waits for its I/O would have ended about that much before " + time(replay.actualFinish()));
            }
            return new DeviceDiagnosis(dev, verdict, all.requests(), all.completed(), all.errors(), first, last, bound, directions, longest, stalls,
                    above, evidence, verdict == BlockVerdict.STALLED ? replay : replay.withoutStallPoint(), List.copyOf(once.setAside().keySet()),
                    List.copyOf(rs));
        }
    }

    /**
     * A bio-based device (dm, md) shows no request steps, only bios queued and completed: a bio is
     * at the device from when it is queued.
     */
    private static List<BlockRequest> atTheDevice(List<BlockRequest> rs) {
        if (rs.stream().anyMatch(r -> r.issued() != null) || rs.stream().noneMatch(r -> r.queued() != null)) {
            return new ArrayList<>(rs);
        }
        List<BlockRequest> out = new ArrayList<>();
        for (BlockRequest r : rs) {
            out.add(new BlockRequest(r.at(), r.raw(), r.format(), r.dev(), r.rwbs(), r.sector(), r.sectors(), r.bytes(), r.comm(), r.pid(), r.queued(),
                    r.gotRequest(), r.inserted(), r.queued(), r.completed(), r.error(), r.requeues(), r.merges()));
        }
        return out;
    }

    /**
     * Waiting after a tag and before the device (in the scheduler, or held by a throttle between),
     * long and long beside the device's own time. The wait for a tag is left out: a device kept
     * full has bios waiting for tags and is no slower for it.
     */
    private static boolean throttled(Latency g2d, Latency d2c) {
        return d2c != null && g2d.p99() / 1e6 >= THROTTLE_MIN && g2d.p99() >= THROTTLE_TIMES * d2c.p99();
    }

    /**
     * The fio job of this device that waited longest per I/O, when it waited at least
     * {@link #THROTTLE_MIN} on average and {@link #THROTTLE_TIMES} times the device's p99 from
     * queue to completion; null when none did.
     */
    private static FioJob slowAbove(DirectionStats all, List<FioJob> fio, java.util.Set<Integer> pids, boolean only) {
        Latency q2c = all.latency().get("q2c");
        if (q2c == null) {
            return null;
        }
        FioJob worst = null;
        for (FioJob j : fio) {
            if (j.clatAvg() == null || !(only || j.pid() != null && pids.contains(j.pid()))) {
                continue;
            }
            if (j.clatAvg() >= THROTTLE_MIN && j.clatAvg() * 1e6 >= THROTTLE_TIMES * q2c.p99() && (worst == null || j.clatAvg() > worst.clatAvg())) {
                worst = j;
            }
        }
        return worst;
    }

    /** Got a request (tag) to issued, where the trace shows both; null when it never does. */
    private static Latency waitBeforeDevice(List<BlockRequest> rs) {
        return Latency.over(rs, r -> r.gotRequest() == null || r.issued() == null ? null : r.issued() - r.gotRequest());
    }

    private static List<DirectionStats> directions(List<BlockRequest> rs) {
        Map<String, List<BlockRequest>> by = new LinkedHashMap<>();
        by.put("all", rs);
        for (BlockRequest r : rs) {
            by.computeIfAbsent(DirectionStats.of(r.rwbs()), k -> new ArrayList<>()).add(r);
        }
        List<DirectionStats> out = new ArrayList<>();
        for (Map.Entry<String, List<BlockRequest>> e : by.entrySet()) {
            List<BlockRequest> list = e.getValue();
            int completed = 0;
            int errors = 0;
            for (BlockRequest r : list) {
                completed += r.completed() != null ? 1 : 0;
                errors += r.error() != null && r.error() != 0 ? 1 : 0;
            }
            Map<String, Latency> latency = new LinkedHashMap<>();
            WAITS.forEach((name, wait) -> {
                Latency l = Latency.over(list, wait);
                if (l != null) {
                    latency.put(name, l);
                }
            });
            out.add(new DirectionStats(e.getKey(), list.size(), completed, errors, InFlight.most(list), latency));
        }
        return out;
    }

    /** 7:0 before 8:0 before 259:0: by major, then minor, as numbers. */
    private static long deviceOrder(String dev) {
        int colon = dev.indexOf(':');
        try {
            return colon < 0 ? Long.MAX_VALUE : Long.parseLong(dev.substring(0, colon)) * 1_000_000L + Long.parseLong(dev.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
