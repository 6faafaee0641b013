package io.virtblk.replay.session;

import io.virtblk.event.TranscriptEvent;
import io.virtblk.grammar.transcript.ShellJobs;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.Trace;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a trace into runs and rebuilds each run's device sessions.
 *
 * <p>Runs: in a transcript every command that is not a log reader ({@code tailf}, {@code tail},
 * {@code dmesg}, {@code journalctl}, {@code cat}) starts one, and the log tails after it belong
 * to it - except while a command put in the background ({@code &}) is still running: what is
 * typed meanwhile runs beside it, and the {@code fg} or {@code wait} that brings it back goes on
 * with it, so a backgrounded fio and its {@code fg} are one run, not a completed one and a
 * stalled one. In a bare log, device activity splits wherever no session has been open for more
 * than {@code gapSeconds}.
 *
 * <p>Sessions: the driver logs no pid, so they are rebuilt from the order of the lines (see
 * {@link SessionBuilder}); where a release could have closed more than one session, the
 * readings are weighed against the evidence ({@link Attributor}). The rule is printed with every
 * replay.
 */
public final class Runs {

    public static final String ASSIGNMENT = "the driver logs no pid: where a release could have closed more than one open session, "
            + "each reading is checked against the evidence (hung tasks naming a process, commands that returned, fio's results and "
            + "stuck notices) and the one that agrees is kept; when nothing decides, releases close the earliest engaged open session; "
            + "the driver's own ioctls go to the latest open session that issued only those, other ioctls (BLKFLSBUF) to the latest "
            + "that issued none";

    private static final Set<String> LOG_READERS = Set.of("tailf", "tail", "dmesg", "journalctl", "cat", "less", "grep", "zcat");

    private Runs() {
    }

    /** The runs of {@code trace}, their sessions built by the driver's {@code rules}. */
    public static List<Run> of(Trace trace, double gapSeconds, SessionRules rules) {
        boolean transcript = trace.events().stream().anyMatch(e -> e.event() instanceof TranscriptEvent.Command);
        List<Group> groups = transcript ? transcriptGroups(trace) : logGroups(trace, gapSeconds);
        // a command returned when the transcript shows a prompt after it
        int lastCommand = trace.events().stream().filter(e -> e.event() instanceof TranscriptEvent.Command).mapToInt(TraceEvent::line)
                .max().orElse(0);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Attribution a = Attributor.of(g.events, e -> e.line() < lastCommand, rules);
            runs.add(new Run(i + 1, g.command, List.copyOf(g.events), a.chosen().reading().sessions(), ASSIGNMENT, List.copyOf(g.commands), a));
        }
        return runs;
    }

    /** A run in the making. */
    private static final class Group {
        final TraceEvent command;
        final List<TraceEvent> events = new ArrayList<>();
        final List<RunCommand> commands = new ArrayList<>();

        Group(TraceEvent command) {
            this.command = command;
        }
    }

    private static List<Group> transcriptGroups(Trace trace) {
        List<Group> groups = new ArrayList<>();
        // a section header and anything before the first command belong to the run that follows
        List<TraceEvent> pending = new ArrayList<>();
        Group current = null;
        ShellJobs jobs = new ShellJobs();
        java.util.Map<Integer, Group> groupOfJob = new java.util.HashMap<>();
        Group background = null;
        for (TraceEvent e : trace.events()) {
            ShellJobs.Change change = e.event() instanceof TranscriptEvent.Command c ? jobs.command(e.line(), c.commandLine(), c.program()) : null;
            // a log reader, or the fg that brings one back, shows a log: its lines belong to the run they follow
            boolean runs = change != null && !LOG_READERS.contains(((TranscriptEvent.Command) e.event()).program())
                    && change.resumed().stream().noneMatch(j -> LOG_READERS.contains(j.program()));
            if (runs) {
                RunCommand.Role role;
                Integer job = null;
                if (!change.resumed().isEmpty() && groupOfJob.containsKey(change.resumed().getFirst().number())) {
                    current = groupOfJob.get(change.resumed().getFirst().number());
                    role = RunCommand.Role.RESUMED;
                    job = change.resumed().getFirst().number();
                } else if (background != null) {
                    current = background;
                    role = RunCommand.Role.BESIDE;
                } else {
                    current = new Group(e);
                    groups.add(current);
                    role = RunCommand.Role.STARTED;
                }
                if (change.started() != null) {
                    groupOfJob.put(change.started().number(), current);
                    if (role == RunCommand.Role.STARTED) {
                        role = RunCommand.Role.BACKGROUND;
                        job = change.started().number();
                    }
                }
                // a log reader left in the background (dmesg -w &) runs nothing the device sees: it keeps no run open
                background = jobs.pending().stream().anyMatch(j -> !LOG_READERS.contains(j.program())) ? current : null;
                current.events.addAll(pending);
                pending.clear();
                current.events.add(e);
                current.commands.add(new RunCommand(e, role, job));
            } else if (current == null || e.event() instanceof TranscriptEvent.Section) {
                pending.add(e);
            } else {
                if (!pending.isEmpty()) {
                    current.events.addAll(pending);
                    pending.clear();
                }
                current.events.add(e);
            }
        }
        if (!pending.isEmpty()) {
            if (current == null) {
                Group g = new Group(null);
                g.events.addAll(pending);
                groups.add(g);
            } else {
                current.events.addAll(pending);
            }
        }
        return groups;
    }

    private static List<Group> logGroups(Trace trace, double gapSeconds) {
        List<Group> groups = new ArrayList<>();
        Group current = null;
        int open = 0;
        Double lastActivity = null;
        for (TraceEvent e : trace.events()) {
            boolean device = e.isDevice();
            if (device && open == 0 && e.clock() != null && lastActivity != null && e.clock() - lastActivity > gapSeconds) {
                current = null;
            }
            if (current == null) {
                current = new Group(null);
                groups.add(current);
            }
            current.events.add(e);
            if (e.is(EventKind.ENGAGE)) {
                open++;
            } else if (e.is(EventKind.RELEASE)) {
                open = Math.max(0, open - 1);
            }
            if (device && e.clock() != null) {
                lastActivity = e.clock();
            }
        }
        return groups;
    }
}
