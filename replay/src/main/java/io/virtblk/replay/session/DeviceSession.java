package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;
import java.util.List;

/**
 * One opener's use of the device: engage, the ioctls assigned to it, and its release (null
 * when the log ends with it still open).
 */
public record DeviceSession(int id, TraceEvent engage, List<TraceEvent> ioctls, TraceEvent release, Kind kind) {

    /** fio opens the device twice per job: once to size it (setup), once to do I/O (after BLKFLSBUF). */
    public enum Kind { SETUP, IO, USER_APP, OTHER }

    public boolean open() {
        return release == null;
    }

    /** Seconds from engage to release, or null. */
    public Double length() {
        return release == null || engage.clock() == null || release.clock() == null ? null : release.clock() - engage.clock();
    }

    /** The ioctl that started I/O (BLKFLSBUF), or null. */
    public TraceEvent ioStart() {
        return ioctls.stream().filter(i -> "BLKFLSBUF".equals(i.ioctl())).findFirst().orElse(null);
    }
}
