package io.virtblk.shell.command;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A point on a trace's clock as the log wrote it: the kernel's seconds since boot in brackets,
 * {@code [68516.021202]}, as dmesg prints them; or, for a log with no such stamps (journalctl's
 * short formats), the wall-clock time with its microseconds, {@code 2016-11-11T04:25:30.455932},
 * never the epoch seconds the replay counts in, which read like an uptime of 47 years.
 */
public final class ClockText {

    private ClockText() {
    }

    /** {@code wall}: the clock is the wall clock in epoch seconds (the events had no monotonic stamp). */
    public static String of(Double seconds, boolean wall) {
        if (seconds == null) {
            return "-";
        }
        if (!wall) {
            return String.format(Locale.ROOT, "[%.6f]", seconds);
        }
        long whole = (long) Math.floor(seconds);
        long micros = Math.round((seconds - whole) * 1e6);
        if (micros == 1_000_000) {
            whole++;
            micros = 0;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(whole, (int) micros * 1000, ZoneOffset.UTC);
        return t.toLocalDate() + "T" + String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), micros);
    }

    /** True when a run's device events carry no kernel stamp, so its clock is the wall clock. */
    public static boolean wall(io.virtblk.replay.session.Run run) {
        return run.events().stream().filter(e -> e.isDevice()).noneMatch(e -> e.mono() != null);
    }
}
