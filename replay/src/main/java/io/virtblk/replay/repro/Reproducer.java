package io.virtblk.replay.repro;

import io.virtblk.event.FioEvent;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The smallest set of a stalled run's sessions that still stalls in the model, found by delta
 * debugging (Zeller's ddmin) with the model as the oracle: milliseconds a try instead of a VM boot.
 * Then a fio job file that makes the same sessions on a real machine, and the kernel-log lines
 * to expect.
 */
public final class Reproducer {

    /** The minimal sessions, their events in trace order, and whether the fixed model completes them. */
    public record Result(List<DeviceSession> sessions, List<TraceEvent> events, int tries, boolean fixedCompletes,
                         String fioJobFile, String expectedLog) {
    }

    private Reproducer() {
    }

    public static Result minimise(Run run, Calibration cal, DeviceModel buggy, DeviceModel fixed) {
        Map<Integer, Integer> sessionOf = Simulator.sessionOfLine(run);
        int[] tries = {0};
        List<DeviceSession> all = run.sessions();
        java.util.function.Predicate<List<DeviceSession>> stalls = subset -> {
            tries[0]++;
            return Simulator.run(buggy, eventsOf(subset), sessionOf, cal, false).end().stalled();
        };
        if (!stalls.test(all)) {
            throw new IllegalArgumentException("run " + run.number() + " does not stall in the " + buggy.name() + " model: nothing to minimise");
        }
        List<DeviceSession> min = ddmin(all, stalls);
        List<TraceEvent> events = eventsOf(min);
        boolean fixedCompletes = !Simulator.run(fixed, events, sessionOf, cal, false).end().stalled();
        return new Result(min, events, tries[0], fixedCompletes, jobFile(run, min), expectedLog(min));
    }

    private static List<TraceEvent> eventsOf(List<DeviceSession> sessions) {
        List<TraceEvent> events = new ArrayList<>();
        for (DeviceSession s : sessions) {
            events.add(s.engage());
            events.addAll(s.ioctls());
            if (s.release() != null) {
                events.add(s.release());
            }
        }
        events.sort(Comparator.comparingInt(TraceEvent::line));
        return events;
    }

    /** ddmin: remove chunks of ever finer granularity while the rest still fails. */
    static <T> List<T> ddmin(List<T> input, java.util.function.Predicate<List<T>> fails) {
        List<T> current = new ArrayList<>(input);
        int n = 2;
        while (current.size() >= 2) {
            int chunk = (int) Math.ceil(current.size() / (double) n);
            boolean reduced = false;
            for (int start = 0; start < current.size(); start += chunk) {
                List<T> complement = new ArrayList<>(current.subList(0, start));
                complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!complement.isEmpty() && fails.test(complement)) {
                    current = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= current.size()) {
                    break;
                }
                n = Math.min(n * 2, current.size());
            }
        }
        return current;
    }

    private static String jobFile(Run run, List<DeviceSession> sessions) {
        List<FioEvent.JobHeader> headers = run.jobHeaders();
        StringBuilder sb = new StringBuilder();
        sb.append("# virtblk-shell reproducer for run ").append(run.number());
        if (run.command() != null) {
            sb.append(" (").append(run.command().firstLine()).append(')');
        }
        sb.append("\n# ").append(sessions.stream().filter(s -> s.kind() == DeviceSession.Kind.IO).count())
                .append(" jobs started together against the device: the I/O sessions that stall the model.\n");
        sb.append("[global]\nfilename=/dev/virtblkiosim\ndirect=1\nbs=4k\nsize=32m\nioengine=libaio\niodepth=16\n");
        sb.append("# no stonewall: the jobs run at the same time\n\n");
        int i = 0;
        for (DeviceSession s : sessions) {
            if (s.kind() != DeviceSession.Kind.IO) {
                continue;
            }
            FioEvent.JobHeader h = i < headers.size() ? headers.get(i) : null;
            String name = h != null ? h.job() : "virtblk-repro-" + (i + 1);
            String rw = h != null && h.rw() != null ? h.rw() : (i % 2 == 0 ? "randread" : "randwrite");
            sb.append('[').append(name).append("]\nrw=").append(rw).append('\n');
            if (h != null && h.ioengine() != null && !h.ioengine().equals("libaio")) {
                sb.append("ioengine=").append(h.ioengine()).append('\n');
            }
            if (h != null && h.iodepth() != null && h.iodepth() != 16) {
                sb.append("iodepth=").append(h.iodepth()).append('\n');
            }
            sb.append('\n');
            i++;
        }
        return sb.toString();
    }

    private static String expectedLog(List<DeviceSession> sessions) {
        StringBuilder sb = new StringBuilder();
        for (DeviceSession s : sessions) {
            if (s.kind() == DeviceSession.Kind.IO) {
                sb.append("virtblkiosim: Device engage: private_data: virtblkiosim\n");
                sb.append("virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: …\n");
            }
        }
        sb.append("(no 'Device release' follows; fio: job '…' hasn't exited in 60 seconds; possibly watchdog: BUG: soft lockup - CPU#N stuck)\n");
        return sb.toString();
    }
}
