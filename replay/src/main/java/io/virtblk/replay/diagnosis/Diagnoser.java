package io.virtblk.replay.diagnosis;

import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.ReportClass;
import io.virtblk.event.TranscriptEvent;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.Trace;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a replayed run into a diagnosis: evidence from the log first (fio's stuck notices, the
 * operator's notes, watchdog reports, sessions never released, the log ending), then the model's
 * account of where and why, then the hazards that did not strike.
 */
public final class Diagnoser {

    private static final Pattern TROUBLE = Pattern.compile("(?i)freez|frozen|hang|hung|stuck|lock ?up|restart|crash|dead|unresponsive");

    private Diagnoser() {
    }

    /**
     * The run as its chosen reading of the releases has it. When readings that fit the evidence
     * just as well would give another verdict, the verdict is {@code incomplete} and a finding
     * says what each reading would conclude: nothing in the log says which is true, and a guess
     * would be a wrong verdict half the time.
     */
    public static RunDiagnosis diagnose(Trace trace, Run run, Calibration cal, DeviceModel model) {
        RunDiagnosis shown = diagnose(trace, run, cal, model, false);
        if (!run.attribution().ambiguous()) {
            return shown;
        }
        List<String> otherwise = new ArrayList<>();
        boolean verdictDiffers = false;
        // readings that leave the same sessions open end alike in the log's evidence: one of each is diagnosed, a few at most
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        seen.add(openAtEnd(run.attribution().chosen().reading()));
        List<io.virtblk.replay.session.Attribution.Weighed> distinct = run.attribution().equallyGood().stream()
                .filter(w -> seen.add(openAtEnd(w.reading()))).limit(MAX_OTHER_READINGS).toList();
        for (var w : distinct) {
            RunDiagnosis alt = diagnose(trace, run.readAs(w.reading()), cal, model, false);
            String altHazard = alt.stall() == null ? null : alt.stall().hazard();
            String shownHazard = shown.stall() == null ? null : shown.stall().hazard();
            if (!alt.verdict().equals(shown.verdict())) {
                verdictDiffers = true;
                otherwise.add("if " + w.reading().describe() + ", it " + said(alt.verdict()));
            } else if (!java.util.Objects.equals(altHazard, shownHazard)) {
                otherwise.add("if " + w.reading().describe() + ", it stalled on " + (altHazard == null ? "no hazard of the model" : altHazard));
            }
        }
        if (otherwise.isEmpty()) {
            return shown; // the readings differ, but not in anything the diagnosis says
        }
        RunDiagnosis d = verdictDiffers ? diagnose(trace, run, cal, model, true) : shown;
        List<String> findings = new ArrayList<>(d.findings());
        findings.add("the evidence does not decide which session each release closed: as shown (" + run.attribution().chosen().reading().describe()
                + ") the run " + said(shown.verdict()) + "; " + String.join("; ", otherwise)
                + (verdictDiffers ? "; nothing in the log says which, so the verdict is left incomplete" : ""));
        return d.withFindings(List.copyOf(findings));
    }

    /** Most readings diagnosed besides the one shown, when the evidence does not decide. */
    static final int MAX_OTHER_READINGS = 8;

    private static List<String> openAtEnd(io.virtblk.replay.session.Reading r) {
        return r.sessions().stream().filter(DeviceSession::open).map(s -> s.id() + ":" + s.kind()).toList();
    }

    private static String said(String verdict) {
        return verdict.equals(RunDiagnosis.INCOMPLETE) ? "is incomplete" : verdict;
    }

    /** {@code undecided}: the readings disagree on the verdict, so it is incomplete and the evidence becomes findings. */
    private static RunDiagnosis diagnose(Trace trace, Run run, Calibration cal, DeviceModel model, boolean undecided) {
        Simulator.Replay replay = Simulator.run(model, run, cal, false);
        List<Stall.Evidence> evidence = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        List<KernelEvent.Report> reports = new ArrayList<>();
        KernelEvent.Report crash = null;
        KernelEvent.Report firstPanicked = null;
        String hangReport = null;
        Double firstDevice = run.events().stream().filter(TraceEvent::isDevice).map(TraceEvent::mono).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        for (TraceEvent e : run.events()) {
            if (e.event() instanceof FioEvent.Notice n && n.kind() == FioEvent.NoticeKind.JOB_STUCK) {
                evidence.add(new Stall.Evidence(e.line(), "fio: job '" + n.job() + "' had not exited after " + n.seconds() + " s: " + e.firstLine()));
            } else if (e.event() instanceof TranscriptEvent.Annotation a && TROUBLE.matcher(a.text()).find()) {
                evidence.add(new Stall.Evidence(e.line(), "operator: " + a.text()));
            } else if (e.event() instanceof KernelEvent.Report r) {
                reports.add(r);
                if (crash == null && r.reportClass() == ReportClass.CRASH) {
                    crash = r;
                }
                if (firstPanicked == null && r.panicked()) {
                    firstPanicked = r;
                }
                if (r.reportClass() == ReportClass.HANG && firstDevice != null && e.mono() != null && e.mono() < firstDevice) {
                    // the kernel's clock went back: a line of another boot or machine cannot say that this run stalled
                    findings.add(String.format(Locale.ROOT, "kernel report line %d (%s) is stamped [%.6f], before the run's first device "
                            + "event [%.6f]: another boot's or machine's line, not evidence that this run stalled", e.line(), r.title(), e.mono(),
                            firstDevice));
                } else if (r.reportClass() == ReportClass.HANG) {
                    evidence.add(new Stall.Evidence(e.line(), "kernel report " + r.reportType() + ": " + r.title()
                            + (r.corrupted() ? " (the report is cut or mixed: " + r.corruptedReason() + ")" : "") + ": " + r.message().strip()));
                    if (hangReport == null) {
                        hangReport = r.title();
                    }
                }
            }
        }
        if (crash == null) {
            crash = firstPanicked; // a warning that panic_on_warn turned into a panic: the kernel is down all the same
        }
        boolean logEndsHere = trace.lastKernelLine() > 0 && run.events().stream().anyMatch(e -> e.line() == trace.lastKernelLine());
        List<DeviceSession> open = run.sessions().stream().filter(DeviceSession::open).toList();
        List<DeviceSession> openIo = open.stream().filter(s -> s.kind() == DeviceSession.Kind.IO).toList();
        if (!openIo.isEmpty()) {
            TraceEvent firstStart = openIo.stream().map(s -> s.ioStart() == null ? s.engage() : s.ioStart()).min(
                    java.util.Comparator.comparingInt(TraceEvent::line)).orElseThrow();
            double start = firstStart.clock() == null ? 0 : firstStart.clock();
            double due = start + cal.secondsFor(openIo.size());
            StringBuilder sb = new StringBuilder();
            for (DeviceSession s : openIo) {
                sb.append(sb.isEmpty() ? "" : ", ").append("engaged at line ").append(s.engage().line());
            }
            Double lastMono = run.events().stream().filter(e -> e.clock() != null).map(TraceEvent::clock).reduce((a, b) -> b).orElse(null);
            String dueText = String.format(Locale.ROOT, "%d I/O session(s) never released (%s); one worker serving %d × %d I/Os at %.1f µs "
                    + "should have finished by [%.6f], %.2f s after I/O began", openIo.size(), sb, openIo.size(), cal.iosPerSession(),
                    cal.secondsPerIo() * 1e6, due, due - start);
            if (lastMono != null && lastMono > due) {
                evidence.add(new Stall.Evidence(firstStart.line(), dueText + "; the log goes on to [" + lastMono + "] without them"));
            } else {
                findings.add(dueText);
            }
        }
        if (logEndsHere && !open.isEmpty()) {
            TraceEvent last = run.events().stream().filter(e -> e.line() == trace.lastKernelLine()).findFirst().orElseThrow();
            String ending = "the kernel log ends here, with " + open.size() + " session(s) still open: " + last.firstLine();
            if (!evidence.isEmpty()) {
                evidence.add(new Stall.Evidence(last.line(), ending));
            } else {
                findings.add(ending);
            }
        }
        String verdict = crash != null ? RunDiagnosis.CRASHED
                : !evidence.isEmpty() ? RunDiagnosis.STALLED : !open.isEmpty() ? RunDiagnosis.INCOMPLETE : RunDiagnosis.COMPLETED;
        if (undecided && crash == null) {
            verdict = RunDiagnosis.INCOMPLETE;
            evidence.forEach(e -> findings.add("line " + e.line() + ": " + e.text()));
        }
        Stall stall = null;
        if (verdict.equals(RunDiagnosis.STALLED)) {
            TraceEvent at = replay.end().stalled() ? replay.end().stallEvent()
                    : run.events().stream().filter(TraceEvent::isDevice).reduce((a, b) -> b).orElse(run.events().getLast());
            String hazard = replay.end().stalled() ? replay.end().stallHazard() : null;
            evidence.sort(java.util.Comparator.comparingInt(Stall.Evidence::line));
            String state = Simulator.run(model, run, cal, true).steps().stream().filter(st -> st.event().line() == at.line())
                    .map(Simulator.Step::state).findFirst().orElse(null);
            String why = Explanations.of(model.driver(), hazard, run, at, cal, trace.source());
            if (hangReport != null) {
                why = why + " The kernel reported it as: " + hangReport + ".";
            }
            stall = new Stall(trace.source(), at.line(), at.mono(), at.firstLine(), hazard, why, List.copyOf(evidence), state, hangReport);
        }
        String modelVerdict = replay.end().stalled() ? RunDiagnosis.STALLED : RunDiagnosis.COMPLETED;
        Double finish = null;
        if (!replay.end().stalled()) {
            // let the worker finish what was submitted: when would the last session be done?
            model.advance(replay.end(), replay.end().now() + cal.secondsFor(run.ioSessions().size()) + 1, cal);
            finish = replay.end().finishedAt().values().stream().max(Double::compare).orElse(null);
        }
        return new RunDiagnosis(run, verdict, model.driver().hazards(run, verdict.equals(RunDiagnosis.STALLED), replay, cal, model), stall, findings, model.name(), modelVerdict, finish,
                List.copyOf(reports), crash);
    }
}
