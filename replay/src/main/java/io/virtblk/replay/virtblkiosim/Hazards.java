package io.virtblk.replay.virtblkiosim;

import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** virtblkiosim's three hazards (DESIGN.md section 4) and how one run shows each. */
public final class Hazards {

    /** Unlocked queue access: the worker fetches and ends requests without the queue lock. */
    public static final String H1 = "H1";
    /** The worker waits for a SET_BLOCK that never comes. */
    public static final String H2 = "H2";
    /** One global user-app registration: a second REG_USER_CALLER replaces the first. */
    public static final String H3 = "H3";

    private Hazards() {
    }

    static String title(String id) {
        return switch (id) {
            case H1 -> "unlocked queue access";
            case H2 -> "worker waits for a SET_BLOCK that never comes";
            case H3 -> "global user-app registration";
            default -> "unknown";
        };
    }

    private static Hazard hazard(String id, boolean manifest, String evidence) {
        return new Hazard(id, title(id), manifest, evidence);
    }

    static List<Hazard> of(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model) {
        List<Hazard> out = new ArrayList<>();
        String hit = replay.end().stalled() ? replay.end().stallHazard() : null;
        if (!run.ioSessions().isEmpty()) {
            boolean manifest = stalled && H1.equals(hit);
            String text;
            if (manifest) {
                text = "I/O sessions submitting at once: " + lines(run.ioSessions().stream().filter(DeviceSession::open).toList())
                        + "; the worker fetches and ends requests without the queue lock";
            } else if (run.maxConcurrentIo() >= 2) {
                boolean allReleased = run.ioSessions().stream().noneMatch(DeviceSession::open);
                boolean fixed = model instanceof VirtblkiosimModel v && v.isFixed();
                text = run.maxConcurrentIo() + " I/O sessions overlapped (" + lines(run.ioSessions()) + ")"
                        + (allReleased ? " and all released: the race did not strike this time, but" : ";")
                        + " the worker " + (fixed ? "of the unfixed driver" : "still") + " runs without the queue lock";
            } else {
                text = "one submitter at a time; the worker still fetches and ends requests without the queue lock" + deficit(run);
            }
            out.add(hazard(H1, manifest, text));
        }
        boolean app = run.events().stream().anyMatch(e -> e.is(EventKind.IOCTL) && "REG_USER_CALLER".equals(e.ioctl()));
        if (app) {
            boolean manifest = stalled && H2.equals(hit);
            out.add(hazard(H2, manifest, manifest
                    ? "a user app was registered and the worker began a transfer (line " + replay.end().stallEvent().line()
                    + ") for which no SET_BLOCK came"
                    : "a user app registered itself; every transfer after the first waits for its SET_BLOCK"));
            long regs = run.events().stream().filter(e -> e.is(EventKind.IOCTL) && "REG_USER_CALLER".equals(e.ioctl())).count();
            if (regs >= 2) {
                out.add(hazard(H3, false, regs + " REG_USER_CALLER calls: each replaced the previous registration"));
            }
        }
        return out;
    }

    private static String deficit(Run run) {
        long issued = run.jobs().stream().filter(j -> j.issued() != null && j.issued().total() != null)
                .mapToLong(j -> j.issued().total().stream().mapToLong(Long::longValue).sum()).sum();
        long done = run.disks().stream().filter(d -> d.ios() != null).mapToLong(d -> d.ios().stream().mapToLong(Long::longValue).sum()).sum();
        if (issued == 0 || done == 0 || done >= issued) {
            return "";
        }
        return String.format(Locale.ROOT, "; disk stats count %d completed I/Os where fio issued %d (%.0f%% fewer): the accounting drifts",
                done, issued, 100.0 * (issued - done) / issued);
    }

    private static String lines(List<DeviceSession> sessions) {
        StringBuilder sb = new StringBuilder();
        for (DeviceSession s : sessions) {
            sb.append(sb.isEmpty() ? "" : ", ").append("engaged at line ").append(s.engage().line());
            if (s.ioStart() != null) {
                sb.append(", I/O from line ").append(s.ioStart().line());
            }
            if (s.release() != null) {
                sb.append(", released at line ").append(s.release().line());
            }
        }
        return sb.toString();
    }
}
