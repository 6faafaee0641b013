package io.virtblk.shell.replay;

import io.virtblk.event.FioEvent;
import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.diagnosis.Stall;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.shell.command.Settings;
import io.virtblk.shell.command.Style;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Diagnoses as text for people and as the JSON the replay issue promises for scripts. */
public final class ReplayView {

    private ReplayView() {
    }

    public static Map<String, Object> json(List<Replays> all, Integer onlyRun) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sources", all.stream().map(r -> r.trace().source()).toList());
        // made as they are written: a 2 GB log has tens of thousands of runs, and their maps all at once did not fit the heap
        record Chosen(Replays replays, RunDiagnosis diagnosis) {
        }
        List<Chosen> chosen = new ArrayList<>();
        for (Replays r : all) {
            for (RunDiagnosis d : r.diagnoses()) {
                if (onlyRun == null || d.run().number() == onlyRun) {
                    chosen.add(new Chosen(r, d));
                }
            }
        }
        Iterable<Map<String, Object>> runs = () -> chosen.stream().map(c -> run(c.replays(), c.diagnosis())).iterator();
        m.put("runs", runs);
        List<Map<String, Object>> clocks = new ArrayList<>();
        for (Replays r : all) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("source", r.trace().source());
            c.put("boot_time", r.clock().bootTime() == null ? null : r.clock().bootTime().toString());
            c.put("lines_used", r.clock().linesUsed());
            c.put("contradictions", r.clock().contradictions().stream().map(x -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("line", x.line());
                cm.put("text", x.text());
                cm.put("off_by_s", Math.round(x.offBySeconds() * 1000) / 1000.0);
                return cm;
            }).toList());
            clocks.add(c);
        }
        m.put("clock", clocks);
        return m;
    }

    private static Map<String, Object> run(Replays r, RunDiagnosis d) {
        Run run = d.run();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.number());
        m.put("source", r.trace().source());
        m.put("command", run.command() == null ? null : run.command().firstLine());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (FioEvent.JobHeader h : run.jobHeaders()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("job", h.job());
            j.put("rw", h.rw());
            FioEvent.JobResult res = run.jobs().stream().filter(x -> x.job().equals(h.job())).findFirst().orElse(null);
            j.put("result", res != null);
            if (res != null) {
                j.put("runtime_ms", res.dirs().stream().filter(x -> x.runtimeMs() != null).mapToLong(FioEvent.DirResult::runtimeMs).max().orElse(0));
                j.put("iops", res.dirs().stream().filter(x -> x.iops() != null).mapToDouble(FioEvent.DirResult::iops).sum());
            }
            jobs.add(j);
        }
        m.put("jobs", jobs);
        m.put("verdict", d.verdict());
        m.put("sessions", run.sessions().size());
        m.put("io_sessions", run.ioSessions().size());
        m.put("max_concurrent_io", run.maxConcurrentIo());
        List<Map<String, Object>> hazards = new ArrayList<>();
        for (Hazard h : d.hazards()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("id", h.id());
            hm.put("manifest", h.manifest());
            hm.put("evidence", h.evidence());
            hm.put("title", h.title());
            hazards.add(hm);
        }
        m.put("hazards", hazards);
        m.put("stall", d.stall() == null ? null : stall(d.stall()));
        m.put("crash", d.crash() == null ? null : KernelReports.json(d.crash()));
        m.put("reports", d.reports().stream().map(KernelReports::json).toList());
        m.put("model", r.model());
        m.put("model_verdict", d.modelVerdict());
        m.put("model_finish_kernel_time", d.modelFinish());
        m.put("calibration", r.calibration().basis());
        m.put("assignment", run.assignment());
        m.put("commands", AttributionView.commandsJson(run));
        m.put("attribution", AttributionView.json(run.attribution()));
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (DeviceSession s : run.sessions()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("kind", s.kind().name().toLowerCase());
            sm.put("engage_line", s.engage().line());
            sm.put("release_line", s.release() == null ? null : s.release().line());
            sm.put("open", s.open());
            sm.put("ioctls", s.ioctls().stream().map(i -> i.line() + ":" + i.ioctl()).toList());
            sm.put("start", s.engage().mono());
            sm.put("length_ms", s.length() == null ? null : Math.round(s.length() * 1e7) / 1e4);
            sessions.add(sm);
        }
        m.put("session_list", sessions);
        m.put("findings", d.findings());
        return m;
    }

    private static Map<String, Object> stall(Stall s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("line", s.line());
        m.put("kernel_time", s.kernelTime());
        m.put("event", s.event());
        m.put("hazard", s.hazard());
        m.put("explanation", s.explanation());
        m.put("device_state", s.deviceState());
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Stall.Evidence e : s.evidence()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("line", e.line());
            em.put("text", e.text());
            ev.add(em);
        }
        m.put("evidence", ev);
        m.put("report", s.report());
        return m;
    }

    public static void text(List<Replays> all, Integer onlyRun, PrintWriter out) {
        text(all, onlyRun, out, null);
    }

    public static void text(List<Replays> all, Integer onlyRun, PrintWriter out, Settings settings) {
        text(all, d -> onlyRun == null || d.run().number() == onlyRun, out, settings);
    }

    /** As above, printing in full only the runs {@code shown} accepts. */
    public static void text(List<Replays> all, java.util.function.Predicate<RunDiagnosis> shown, PrintWriter out, Settings settings) {
        for (Replays r : all) {
            if (r.runs().isEmpty()) {
                // a log of some other device, or of a kernel that crashed: nothing to replay, but its reports say what happened
                out.printf("%s: no device sessions: nothing to replay%n", r.trace().source());
                if (r.reports().isEmpty()) {
                    out.println("  the kernel reported nothing (no oops, BUG, WARNING, sanitizer, lockdep, hung task, lockup, stall or panic)");
                } else {
                    out.printf("  the kernel reported %d problem%s (triage shows each with its guilty frame):%n", r.reports().size(),
                            r.reports().size() == 1 ? "" : "s");
                    var panic = KernelReports.panicFollowed(r.reports());
                    r.reports().stream().limit(20).forEach(x -> out.println("  " + Style.visible(KernelReports.line(r.trace().source(), x))
                            + (x == panic ? "  - then the kernel panicked" : "")));
                    if (r.reports().size() > 20) {
                        out.printf("  ... %d more%n", r.reports().size() - 20);
                    }
                }
                continue;
            }
            out.printf("%s — model %s; calibration: %s%n", Style.visible(r.trace().source()), r.model(), r.calibration().basis());
            if (r.clock().bootTime() != null) {
                out.printf("clock: booted about %s (wall clock − monotonic seconds over %d lines); %s%n", r.clock().bootTime(),
                        r.clock().linesUsed(), r.clock().contradictions().isEmpty() ? "no line contradicts it"
                                : r.clock().contradictions().size() + " line(s) contradict it:");
                r.clock().contradictions().stream().limit(10).forEach(c -> out.printf("  line %d off by %.1f s: %s%n", c.line(), c.offBySeconds(), c.text()));
            }
            for (RunDiagnosis d : r.diagnoses()) {
                if (!shown.test(d)) {
                    continue;
                }
                Run run = d.run();
                out.printf("%nrun %d%s: %s%n", run.number(), run.command() == null ? "" : " (" + Style.visible(run.command().firstLine()) + ")",
                        Style.verdict(settings, d.verdict()));
                AttributionView.commands(run, out);
                for (DeviceSession s : run.sessions()) {
                    out.printf("  session %d %-8s engage line %d%s%s%s%n", s.id(), s.kind().name().toLowerCase(), s.engage().line(),
                            s.ioctls().isEmpty() ? "" : ", ioctl " + String.join(" ", s.ioctls().stream().map(i -> i.line() + ":" + i.ioctl()).toList()),
                            s.release() == null ? ", NEVER RELEASED" : ", release line " + s.release().line(),
                            s.length() == null ? "" : String.format(Locale.ROOT, " (%.1f ms)", s.length() * 1000));
                }
                AttributionView.releases(run, out);
                for (String f : d.findings()) {
                    out.println("  - " + f);
                }
                if (d.crash() != null) {
                    out.printf("  %s line %d: %s (%s)%s%n", Style.red(settings, "the kernel crashed:"), d.crash().at().line(),
                            Style.visible(d.crash().title()), d.crash().reportType(), d.crash().panicked() ? ", then panicked" : "");
                }
                for (var report : d.reports()) {
                    if (report != d.crash()) {
                        out.printf("  kernel report line %d: %s (%s)%n", report.at().line(), Style.visible(report.title()), report.reportType());
                    }
                }
                out.printf("  model %s: %s%n", d.model(), d.modelVerdict().equals(RunDiagnosis.COMPLETED)
                        ? (d.modelFinish() == null ? "completes" : String.format(Locale.ROOT, "completes, every submitted I/O done by [%.6f]", d.modelFinish()))
                        : "stalls");
                for (Hazard h : d.hazards()) {
                    out.printf("  %s %s (%s): %s%n", h.id(), h.manifest() ? Style.red(settings, "MANIFEST") : Style.yellow(settings, "risk"),
                            h.title(), h.evidence());
                }
                if (d.stall() != null) {
                    Stall s = d.stall();
                    out.printf("  %s %s:%d [%s] %s%n", Style.red(settings, "stall point:"), Style.visible(s.source()), s.line(), s.kernelTime(),
                            Style.visible(s.event()));
                    if (s.deviceState() != null) {
                        out.println("  device then: " + s.deviceState());
                    }
                    out.println("  evidence:");
                    for (Stall.Evidence e : s.evidence()) {
                        out.printf("    line %d: %s%n", e.line(), Style.visible(e.text()));
                    }
                    out.println("  why: " + Style.visible(s.explanation()));
                }
            }
            if (!r.diagnoses().isEmpty()) {
                out.println();
                out.println("(" + r.diagnoses().getFirst().run().assignment() + ")");
            }
        }
        out.flush();
    }
}
