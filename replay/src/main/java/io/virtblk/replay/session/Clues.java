package io.virtblk.replay.session;

import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.ReportClass;
import io.virtblk.event.TranscriptEvent;
import io.virtblk.grammar.transcript.ShellJobs;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gathers the clues of one run from its events: hung-task reports, user-app commands, fio's results and notices. */
final class Clues {

    /**
     * virtblkioctl's commands (its usage: {@code virtblkioctl <device_node> --reguser|--getreqsize|
     * --getblkdata|--setblkdata|--io N}); a command with one of them, or naming the device node, is the user app.
     */
    private static final Pattern APP = Pattern.compile("(^|\\s)(--reguser|--getreqsize|--getblkdata|--setblkdata|--io)(\\s|=|$)|/dev/virtblkiosim\\b");
    private static final Pattern IO_COUNT = Pattern.compile("(?:^|\\s)--io[=\\s]+(\\d{1,9})(?:\\s|$)");

    private Clues() {
    }

    /** {@code promptFollowed} says whether the transcript shows a prompt after a command: it returned. */
    static List<Clue> of(List<TraceEvent> events, Predicate<TraceEvent> promptFollowed) {
        List<Clue> out = new ArrayList<>();
        Set<String> appPrograms = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (e.event() instanceof TranscriptEvent.Command c && isApp(c)) {
                appPrograms.add(c.program());
                if (!ShellJobs.background(c.commandLine()) && promptFollowed.test(e)) {
                    // a ^C under the app's prompt: it was stopped, so it left, but not after the I/Os it was asked for
                    out.add(new Clue.AppLeft(e.line(), c.commandLine(), interrupted(events, i) ? null : ioCount(c.commandLine())));
                }
            }
        }
        Set<String> done = new LinkedHashSet<>();
        Set<String> stuck = new LinkedHashSet<>();
        int doneLine = 0;
        int stuckLine = 0;
        for (TraceEvent e : events) {
            switch (e.event()) {
                case KernelEvent.Report r when r.reportClass() == ReportClass.HANG && r.task() != null -> {
                    DeviceSession.Kind kind = r.task().equals("fio") ? DeviceSession.Kind.IO
                            : appPrograms.contains(r.task()) ? DeviceSession.Kind.USER_APP : null;
                    if (kind != null) {
                        out.add(new Clue.TaskBlocked(e.line(), e.clock(), r.task(), r.pid(), kind));
                    }
                }
                case FioEvent.JobResult j when j.err() == 0 -> {
                    doneLine = doneLine == 0 ? e.line() : doneLine;
                    done.add(j.job());
                    long runtime = j.dirs().stream().filter(d -> d.runtimeMs() != null).mapToLong(FioEvent.DirResult::runtimeMs).max().orElse(0);
                    if (runtime > 0) {
                        out.add(new Clue.FioRuntime(e.line(), j.job(), runtime));
                    }
                }
                case FioEvent.Notice n when n.kind() == FioEvent.NoticeKind.JOB_STUCK && n.job() != null -> {
                    stuckLine = stuckLine == 0 ? e.line() : stuckLine;
                    stuck.add(n.job());
                }
                case null, default -> { }
            }
        }
        if (!done.isEmpty()) {
            out.add(new Clue.FioJobsDone(doneLine, List.copyOf(done)));
        }
        stuck.removeAll(done);
        if (!stuck.isEmpty()) {
            out.add(new Clue.FioJobsStuck(stuckLine, List.copyOf(stuck)));
        }
        out.sort(java.util.Comparator.comparingInt(Clue::line));
        return List.copyOf(out);
    }

    static boolean isApp(TranscriptEvent.Command c) {
        return !c.program().equals("fio") && !ShellJobs.jobControl(c.program()) && APP.matcher(c.commandLine()).find();
    }

    /** {@code --io N} with N above 0 (0 is virtblkioctl's "forever"), else null. */
    static Integer ioCount(String commandLine) {
        Matcher m = IO_COUNT.matcher(commandLine);
        if (!m.find()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return n > 0 ? n : null;
    }

    private static boolean interrupted(List<TraceEvent> events, int command) {
        for (int i = command + 1; i < events.size(); i++) {
            if (events.get(i).event() instanceof TranscriptEvent.Command) {
                return false;
            }
            if (events.get(i).event() instanceof TranscriptEvent.Interrupt) {
                return true;
            }
        }
        return false;
    }
}
