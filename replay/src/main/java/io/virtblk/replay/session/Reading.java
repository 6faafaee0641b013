package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;
import java.util.List;

/**
 * One way to read which session each release closed. {@code choices} holds, for each release
 * that had more than one candidate ({@code releases}, in order), the index of the candidate it
 * closed; all zeros is the earliest-open rule.
 */
public record Reading(List<Integer> choices, List<DeviceSession> sessions, List<Release> releases) {

    /** A release that could have closed more than one session, and the one it closes in this reading. */
    public record Release(TraceEvent release, int session, List<Integer> candidates) {
    }

    public boolean earliestRule() {
        return choices.stream().allMatch(c -> c == 0);
    }

    /** The session with this id. */
    public DeviceSession session(int id) {
        return sessions.get(id - 1);
    }

    /** "release line 59 closed session 3 (user_app)" for each release that had a choice. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Release r : releases) {
            sb.append(sb.isEmpty() ? "" : "; ").append("release line ").append(r.release().line()).append(" closed session ")
                    .append(r.session()).append(" (").append(session(r.session()).kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(')');
        }
        return sb.toString();
    }
}
