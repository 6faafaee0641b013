package io.virtblk.replay.session;

import io.virtblk.event.FioEvent;
import io.virtblk.replay.trace.TraceEvent;
import java.util.List;

/**
 * One test run: in a transcript, a command with the output and kernel-log tail that follow it
 * (a command put in the background stays one run with what ran beside it and the {@code fg}
 * that brought it back: {@code commands}); in a bare log, a stretch of device activity.
 * {@code sessions} are reconstructed from its engage/ioctl/release lines; {@code assignment} says
 * how, since the driver logs no pid, and {@code attribution} which readings of the releases the
 * evidence chose and rejected.
 */
public record Run(int number, TraceEvent command, List<TraceEvent> events, List<DeviceSession> sessions, String assignment,
                  List<RunCommand> commands, Attribution attribution) {

    /** A run read one way only, as tests and tools build them. */
    public Run(int number, TraceEvent command, List<TraceEvent> events, List<DeviceSession> sessions, String assignment) {
        this(number, command, events, sessions, assignment, command == null ? List.of() : List.of(new RunCommand(command, RunCommand.Role.STARTED, null)),
                Attribution.single(new Reading(List.of(), sessions, List.of())));
    }

    /** The same run read another way: its sessions as {@code reading} has them, that reading its only one. */
    public Run readAs(Reading reading) {
        return new Run(number, command, events, reading.sessions(), assignment, commands, Attribution.single(reading));
    }

    public List<FioEvent.JobResult> jobs() {
        return kept(FioEvent.JobResult.class);
    }

    public List<FioEvent.JobHeader> jobHeaders() {
        return kept(FioEvent.JobHeader.class);
    }

    public List<FioEvent.DiskStats> disks() {
        return kept(FioEvent.DiskStats.class);
    }

    public List<FioEvent.Notice> notices() {
        return kept(FioEvent.Notice.class);
    }

    public List<DeviceSession> ioSessions() {
        return sessions.stream().filter(s -> s.kind() == DeviceSession.Kind.IO).toList();
    }

    /** The most I/O sessions open at once. */
    public int maxConcurrentIo() {
        int max = 0;
        for (DeviceSession a : ioSessions()) {
            int n = 0;
            for (DeviceSession b : ioSessions()) {
                if (overlap(a, b)) {
                    n++;
                }
            }
            max = Math.max(max, n);
        }
        return max;
    }

    /** True when both sessions were open at some moment (by line order). */
    public static boolean overlap(DeviceSession a, DeviceSession b) {
        int aEnd = a.release() == null ? Integer.MAX_VALUE : a.release().line();
        int bEnd = b.release() == null ? Integer.MAX_VALUE : b.release().line();
        return a.engage().line() < bEnd && b.engage().line() < aEnd;
    }

    private <T> List<T> kept(Class<T> type) {
        return events.stream().map(TraceEvent::event).filter(type::isInstance).map(type::cast).toList();
    }
}
