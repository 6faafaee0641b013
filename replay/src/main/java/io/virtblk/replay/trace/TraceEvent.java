package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import java.time.LocalDateTime;

/**
 * What replay needs of one event: its line, type, kernel time (monotonic seconds), wall clock,
 * ioctl name, the line as written, and the whole event when the store keeps it (fio, reports,
 * transcript).
 */
public record TraceEvent(int line, String type, Double mono, LocalDateTime time, String ioctl, String raw, Event event) {

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

    public String firstLine() {
        int nl = raw.indexOf('\n');
        return nl < 0 ? raw : raw.substring(0, nl);
    }
}
