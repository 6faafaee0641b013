package io.virtblk.replay.repro;

import io.virtblk.event.FioEvent;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The smallest set of a stalled run's sessions that still stalls in the model the same way (the
 * same hazard), found by delta debugging (Zeller's ddmin) with the model as the oracle:
 * milliseconds a try instead of a VM boot. The oracle replays exactly what {@code replay} does -
 * the run's sessions as replay rebuilt them and every device event they and the worker made
 * ({@link Simulator#deviceEvents}) - so a run replay finds stalling in the model always has a
 * reproducer. Then a fio job file that makes the same sessions on a real machine, and the
 * kernel-log lines to expect.
 */
public final class Reproducer {

    /**
     * The minimal sessions, their events in trace order, whether the fixed model completes them,
     * and the hazard they stall on ({@code H1}, {@code H2}), the same as the whole run's.
     */
    public record Result(List<DeviceSession> sessions, List<TraceEvent> events, int tries, boolean fixedCompletes,
                         String fioJobFile, String expectedLog, String hazard) {
    }

    private Reproducer() {
    }

    /** Minimises against {@code model}, checking the result against its driver's fixed variant (when it has one). */
    public static Result minimise(Run run, Calibration cal, DeviceModel model) {
        return minimise(run, cal, model, model.driver().repaired().orElse(null));
    }

    /** {@code fixed} may be null: the driver has no fixed variant, and {@link Result#fixedCompletes()} is false. */
    public static Result minimise(Run run, Calibration cal, DeviceModel buggy, DeviceModel fixed) {
        Map<Integer, Integer> sessionOf = Simulator.sessionOfLine(run);
        var whole = Simulator.run(buggy, run, cal, false).end();
        if (!whole.stalled()) {
            throw new IllegalArgumentException("run " + run.number() + " does not stall in the " + buggy.name() + " model: nothing to minimise");
        }
        String hazard = whole.stallHazard();
        int[] tries = {1};
        java.util.function.Predicate<List<DeviceSession>> stalls = subset -> {
            tries[0]++;
            var end = Simulator.run(buggy, eventsOf(run, sessionOf, subset), sessionOf, cal, false).end();
            return end.stalled() && hazard.equals(end.stallHazard());
        };
        List<DeviceSession> min = ddmin(run.sessions(), stalls);
        List<TraceEvent> events = eventsOf(run, sessionOf, min);
        // without a fixed variant nothing says the reproducer's stall is the hazard's: it is not claimed
        boolean fixedCompletes = fixed != null && !Simulator.run(fixed, events, sessionOf, cal, false).end().stalled();
        return new Result(min, events, tries[0], fixedCompletes, jobFile(run, min, hazard), buggy.driver().expectedLog(min, hazard), hazard);
    }

    private static List<TraceEvent> eventsOf(Run run, Map<Integer, Integer> sessionOf, List<DeviceSession> sessions) {
        return Simulator.deviceEvents(run, sessionOf, sessions.stream().map(DeviceSession::id).collect(java.util.stream.Collectors.toSet()));
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

    /**
     * The job file: one job per I/O session, named and configured as the log's fio jobs were, every
     * value checked by {@link JobFile} (a value from the log that fio would read as more than a
     * value is refused, not written).
     */
    private static String jobFile(Run run, List<DeviceSession> sessions, String hazard) {
        List<FioEvent.JobHeader> headers = run.jobHeaders();
        JobFile f = new JobFile();
        f.comment("virtblk-shell reproducer for run " + run.number() + (run.command() == null ? "" : " (" + run.command().firstLine() + ")"));
        f.comment(sessions.stream().filter(s -> s.kind() == DeviceSession.Kind.IO).count()
                + " jobs started together against the device: the I/O sessions that stall the model.");
        List<DeviceSession> apps = sessions.stream().filter(s -> s.kind() == DeviceSession.Kind.USER_APP).toList();
        if (!apps.isEmpty()) {
            // fio cannot play the user app; the job file says what to run beside it (nothing from the log is executed)
            long sets = apps.getFirst().ioctls().stream().filter(i -> "SET_BLOCK".equals(i.ioctl())).count();
            f.comment("A user app must register while the jobs run and then stop answering SET_BLOCK" + ("H2".equals(hazard) ? " (H2)" : "")
                    + ": once fio has started, run");
            f.comment("  sudo ./virtblkioctl /dev/virtblkiosim --io " + Math.max(1, sets) + "   (the app made " + sets + " SET_BLOCK(s) in the log, then left)");
        }
        var global = JobFile.options();
        global.put("filename", "/dev/virtblkiosim");
        global.put("direct", "1");
        global.put("bs", "4k");
        global.put("size", "32m");
        global.put("ioengine", "libaio");
        global.put("iodepth", "16");
        f.section("global", global, "the reproducer's defaults");
        f.comment("no stonewall: the jobs run at the same time");
        f.line("");
        int i = 0;
        for (DeviceSession s : sessions) {
            if (s.kind() != DeviceSession.Kind.IO) {
                continue;
            }
            FioEvent.JobHeader h = i < headers.size() ? headers.get(i) : null;
            String from = h == null ? "the reproducer's defaults" : "fio's job header at " + h.at();
            var options = JobFile.options();
            options.put("rw", h != null && h.rw() != null ? h.rw() : (i % 2 == 0 ? "randread" : "randwrite"));
            if (h != null && h.ioengine() != null && !h.ioengine().equals("libaio")) {
                options.put("ioengine", h.ioengine());
            }
            if (h != null && h.iodepth() != null && h.iodepth() != 16) {
                options.put("iodepth", String.valueOf(h.iodepth()));
            }
            f.section(h != null ? h.job() : "virtblk-repro-" + (i + 1), options, from);
            f.line("");
            i++;
        }
        return f.toString();
    }
}
