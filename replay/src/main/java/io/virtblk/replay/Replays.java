package io.virtblk.replay;

import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.ReportClass;
import io.virtblk.replay.diagnosis.Diagnoser;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.Runs;
import io.virtblk.replay.trace.Trace;
import io.virtblk.replay.trace.TraceSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The replay of one source, start to end: read its trace from its {@link TraceSource}, split runs, rebuild
 * sessions, calibrate on the runs that completed, replay every run on the model and diagnose it.
 * A source with no device session has no runs: there is nothing to replay, and saying
 * "run 1: completed" of a log that holds only an oops would be a lie. {@code reports} are all the
 * kernel's reports in the source, in order, runs or not.
 */
public record Replays(Trace trace, List<Run> runs, Calibration calibration, String model, List<RunDiagnosis> diagnoses,
                      io.virtblk.replay.trace.ClockAlignment clock, List<KernelEvent.Report> reports) {

    /** Seconds without an open session that separate runs in a bare kernel log. */
    public static final double DEFAULT_GAP = 1.0;

    public static Replays of(TraceSource from, String source, DeviceModel model, double gapSeconds) throws IOException {
        Trace trace = Trace.of(from, source);
        List<Run> runs = Runs.of(trace, gapSeconds, model.driver().sessionRules());
        if (runs.stream().allMatch(r -> r.sessions().isEmpty())) {
            runs = List.of();
        }
        List<KernelEvent.Report> reports = new ArrayList<>();
        for (var e : trace.events()) {
            if (e.event() instanceof KernelEvent.Report r) {
                reports.add(r);
            }
        }
        Calibration cal = Calibration.of(runs);
        List<RunDiagnosis> diagnoses = new ArrayList<>();
        for (Run r : runs) {
            RunDiagnosis d = Diagnoser.diagnose(trace, r, cal, model);
            List<String> findings = new ArrayList<>(timing(r));
            findings.addAll(d.findings());
            diagnoses.add(d.withFindings(List.copyOf(findings)));
        }
        return new Replays(trace, runs, cal, model.name(), diagnoses, io.virtblk.replay.trace.ClockAlignment.of(trace), List.copyOf(reports));
    }

    /** Each released I/O session's length against its job's runtime (the sessions' order is the jobs'). */
    static List<String> timing(Run r) {
        List<String> out = new ArrayList<>();
        List<DeviceSession> io = r.ioSessions().stream().filter(s -> !s.open()).toList();
        List<FioEvent.JobResult> jobs = r.jobs();
        for (int i = 0; i < io.size() && i < jobs.size(); i++) {
            DeviceSession s = io.get(i);
            FioEvent.JobResult j = jobs.get(i);
            long runt = j.dirs().stream().filter(d -> d.runtimeMs() != null).mapToLong(FioEvent.DirResult::runtimeMs).max().orElse(-1);
            if (s.length() != null && runt > 0) {
                out.add(String.format(Locale.ROOT, "I/O session engaged at line %d lasted %.1f ms; fio's job '%s' reports runt=%d msec",
                        s.engage().line(), s.length() * 1000, j.job(), runt));
            }
        }
        return out;
    }

    public boolean anyStalled() {
        return diagnoses.stream().anyMatch(d -> d.verdict().equals(RunDiagnosis.STALLED));
    }

    /** True when a run stalled or the kernel reported a hang, a lockup or a stall. */
    public boolean anyHang() {
        return anyStalled() || reports.stream().anyMatch(r -> r.reportClass() == ReportClass.HANG);
    }

    /** True when the kernel reported anything at all: a crash, a warning, a lockdep or sanitizer report, a hang. */
    public boolean anyReport() {
        return !reports.isEmpty();
    }
}
