package io.virtblk.replay.session;

import io.virtblk.event.TranscriptEvent;
import io.virtblk.replay.trace.Trace;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits a trace into runs and rebuilds each run's device sessions.
 *
 * <p>Runs: in a transcript every command that is not a log reader ({@code tailf}, {@code tail},
 * {@code dmesg}, {@code journalctl}, {@code cat}) starts one, and the log tails after it belong
 * to it. In a bare log, device activity splits wherever no session has been open for more than
 * {@code gapSeconds}.
 *
 * <p>Sessions: the driver logs no pid, so overlapping sessions are told apart by order: an ioctl
 * belongs to the session opened most recently, a release closes the session opened earliest.
 * fio's pattern (open, BLKFLSBUF, ... I/O ..., release) fits this; the rule is printed with
 * every replay.
 */
public final class Runs {

    public static final String ASSIGNMENT = "the driver logs no pid: releases close the earliest engaged open session; the driver's "
            + "own ioctls go to the latest open session that issued only those, other ioctls (BLKFLSBUF) to the latest that issued none";

    private static final Set<String> LOG_READERS = Set.of("tailf", "tail", "dmesg", "journalctl", "cat", "less", "grep", "zcat");

    private Runs() {
    }

    public static List<Run> of(Trace trace, double gapSeconds) {
        boolean transcript = trace.events().stream().anyMatch(e -> e.event() instanceof TranscriptEvent.Command);
        List<List<TraceEvent>> groups = new ArrayList<>();
        List<TraceEvent> commands = new ArrayList<>();
        List<TraceEvent> current = null;
        if (transcript) {
            // a section header and anything before the first command belong to the run that follows
            List<TraceEvent> pending = new ArrayList<>();
            for (TraceEvent e : trace.events()) {
                if (e.event() instanceof TranscriptEvent.Command c && !LOG_READERS.contains(c.program())) {
                    current = new ArrayList<>(pending);
                    pending.clear();
                    groups.add(current);
                    commands.add(e);
                    current.add(e);
                } else if (current == null || e.event() instanceof TranscriptEvent.Section) {
                    pending.add(e);
                } else {
                    if (!pending.isEmpty()) {
                        current.addAll(pending);
                        pending.clear();
                    }
                    current.add(e);
                }
            }
            if (!pending.isEmpty()) {
                if (current == null) {
                    groups.add(new ArrayList<>(pending));
                    commands.add(null);
                } else {
                    current.addAll(pending);
                }
            }
        } else {
            int open = 0;
            Double lastActivity = null;
            for (TraceEvent e : trace.events()) {
                boolean device = e.isDevice();
                if (device && open == 0 && e.clock() != null && lastActivity != null && e.clock() - lastActivity > gapSeconds) {
                    current = null;
                }
                if (current == null) {
                    current = new ArrayList<>();
                    groups.add(current);
                    commands.add(null);
                }
                current.add(e);
                if (e.is("engage")) {
                    open++;
                } else if (e.is("release")) {
                    open = Math.max(0, open - 1);
                }
                if (device && e.clock() != null) {
                    lastActivity = e.clock();
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            runs.add(new Run(i + 1, commands.get(i), List.copyOf(groups.get(i)), sessions(groups.get(i)), ASSIGNMENT));
        }
        return runs;
    }

    static List<DeviceSession> sessions(List<TraceEvent> events) {
        List<Building> all = new ArrayList<>();
        Deque<Building> open = new ArrayDeque<>();
        for (TraceEvent e : events) {
            switch (e.type()) {
                case "engage" -> {
                    Building b = new Building(all.size() + 1, e);
                    all.add(b);
                    open.addLast(b);
                }
                case "ioctl" -> {
                    Building b = ownerOf(e, open);
                    if (b != null) {
                        b.ioctls.add(e);
                    }
                }
                case "release" -> {
                    Building b = open.pollFirst();
                    if (b != null) {
                        b.release = e;
                    }
                }
                default -> { }
            }
        }
        return all.stream().map(Building::done).toList();
    }

    /**
     * The open session an ioctl most likely came from: the driver's own commands go to the latest
     * session that has issued only such commands (a user app keeps its session open across many),
     * anything else (fio's BLKFLSBUF) to the latest session that has issued nothing yet; failing
     * that, to the latest open session.
     */
    private static Building ownerOf(TraceEvent ioctl, Deque<Building> open) {
        boolean driverCommand = DRIVER_COMMANDS.contains(ioctl.ioctl());
        var it = open.descendingIterator();
        while (it.hasNext()) {
            Building b = it.next();
            boolean fits = driverCommand
                    ? b.ioctls.stream().allMatch(i -> DRIVER_COMMANDS.contains(i.ioctl()))
                    : b.ioctls.isEmpty();
            if (fits) {
                return b;
            }
        }
        return open.peekLast();
    }

    static final Set<String> DRIVER_COMMANDS = Set.of("REG_USER_CALLER", "GET_REQUEST_SIZE", "GET_BLOCK", "SET_BLOCK");

    private static final class Building {
        final int id;
        final TraceEvent engage;
        final List<TraceEvent> ioctls = new ArrayList<>();
        TraceEvent release;

        Building(int id, TraceEvent engage) {
            this.id = id;
            this.engage = engage;
        }

        DeviceSession done() {
            DeviceSession.Kind kind;
            if (ioctls.stream().anyMatch(i -> "BLKFLSBUF".equals(i.ioctl()))) {
                kind = DeviceSession.Kind.IO;
            } else if (ioctls.stream().anyMatch(i -> DRIVER_COMMANDS.contains(i.ioctl()))) {
                kind = DeviceSession.Kind.USER_APP;
            } else if (ioctls.isEmpty()) {
                kind = DeviceSession.Kind.SETUP;
            } else {
                kind = DeviceSession.Kind.OTHER;
            }
            return new DeviceSession(id, engage, List.copyOf(ioctls), release, kind);
        }
    }
}
