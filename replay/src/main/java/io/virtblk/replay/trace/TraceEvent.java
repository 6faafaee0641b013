package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import java.time.LocalDateTime;

/**
 * What replay needs of one event: its line, type, kernel time (monotonic seconds), wall clock,
 * ioctl name, the line as written, and the whole event when the store keeps it (fio, reports,
 * transcript).
 */
public record TraceEvent(int line, String type, Double mono, LocalDateTime time, String ioctl, String raw, Event event,
                         java.util.function.IntFunction<String> text) {

    /** With its text at hand (tests, and events the store keeps whole). */
    public TraceEvent(int line, String type, Double mono, LocalDateTime time, String ioctl, String raw, Event event) {
        this(line, type, mono, time, ioctl, raw, event, null);
    }

    /**
     * Seconds on the trace's clock: the kernel's monotonic stamp, or the wall clock when the log
     * has none (journalctl's short formats); null when the line has neither.
     */
    public Double clock() {
        if (mono != null) {
            return mono;
        }
        return time == null ? null : time.toEpochSecond(java.time.ZoneOffset.UTC) + time.getNano() / 1e9;
    }

    public boolean is(String t) {
        return type.equals(t);
    }

    public boolean isDevice() {
        return switch (type) {
            case "engage", "release", "ioctl", "ioctl_symbol", "transfer" -> true;
            default -> false;
        };
    }

    /** The event's first line as written; read from the source only when asked (a big log has many events). */
    public String firstLine() {
        String r = raw != null ? raw : text != null ? text.apply(line) : "";
        int nl = r.indexOf('\n');
        return nl < 0 ? r : r.substring(0, nl);
    }
}
