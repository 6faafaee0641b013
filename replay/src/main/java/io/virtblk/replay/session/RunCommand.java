package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;

/**
 * A transcript command of a run and its part in it. A run is usually one command; a command put
 * in the background ({@code &}) stays one run with the commands typed while it ran
 * ({@code beside}) and the {@code fg} or {@code wait} that brought it back ({@code resumed}).
 */
public record RunCommand(TraceEvent command, Role role, Integer job) {

    public enum Role { STARTED, BACKGROUND, BESIDE, RESUMED }

    /** "line 7 '$ sudo ./virtblkioctl ...' ran beside it". */
    public String describe() {
        String what = switch (role) {
            case STARTED -> "started the run";
            case BACKGROUND -> "went to the background as job " + job;
            case BESIDE -> "ran beside it";
            case RESUMED -> "brought job " + job + " back";
        };
        return "line " + command.line() + " '" + command.firstLine() + "' " + what;
    }
}
