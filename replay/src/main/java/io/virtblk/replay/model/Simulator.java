package io.virtblk.replay.model;

import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replays a run's device events against a model, in trace order and trace time (the kernel's
 * monotonic seconds), letting the worker run between events at the calibrated speed.
 * Deterministic: the same run, model and calibration give the same result.
 */
public final class Simulator {

    /** One step of a replay: the event and the device state after it. */
    public record Step(TraceEvent event, int session, String state) {
    }

    /** The device after the run's last event, and each step when asked for. */
    public record Replay(String model, DeviceState end, List<Step> steps) {
    }

    private Simulator() {
    }

    public static Replay run(DeviceModel model, Run run, Calibration cal, boolean keepSteps) {
        Map<Integer, Integer> sessionOf = sessionOfLine(run);
        Set<Integer> all = run.sessions().stream().map(DeviceSession::id).collect(Collectors.toSet());
        return run(model, deviceEvents(run, sessionOf, all), sessionOf, cal, keepSteps);
    }

    /**
     * The device events of a run that a set of its sessions makes: their engage, ioctl and release
     * lines, and the lines of no session (the worker's transfers, lines of a session opened before
     * the log began) - the worker's transfers only while an I/O session is left to have asked for
     * them, since without a submitter there is no request to transfer. With every session this is
     * every device event of the run: replay and the minimiser replay the same thing.
     */
    public static List<TraceEvent> deviceEvents(Run run, Map<Integer, Integer> sessionOf, Set<Integer> sessions) {
        boolean runHasIo = !run.ioSessions().isEmpty();
        boolean keptIo = run.ioSessions().stream().anyMatch(s -> sessions.contains(s.id()));
        List<TraceEvent> out = new ArrayList<>();
        for (TraceEvent e : run.events()) {
            if (!e.isDevice()) {
                continue;
            }
            int session = sessionOf.getOrDefault(e.line(), 0);
            boolean keep = session != 0 ? sessions.contains(session) : !e.is(EventKind.TRANSFER) || !runHasIo || keptIo;
            if (keep) {
                out.add(e);
            }
        }
        return out;
    }

    /** Replays any sequence of device events (the minimiser tries subsets of a run's). */
    public static Replay run(DeviceModel model, List<TraceEvent> events, Map<Integer, Integer> sessionOfLine, Calibration cal,
                             boolean keepSteps) {
        DeviceState s = model.start();
        List<Step> steps = new ArrayList<>();
        boolean started = false;
        for (TraceEvent e : events) {
            Double t = e.clock();
            if (t != null) {
                if (!started) {
                    s.now(t);
                    started = true;
                }
                model.advance(s, t, cal);
                s.now(Math.max(s.now(), t));
            }
            int session = sessionOfLine.getOrDefault(e.line(), 0);
            model.apply(s, e, session, cal);
            s.checkInvariants();
            if (keepSteps) {
                steps.add(new Step(e, session, s.describe()));
            }
        }
        model.finish(s);
        return new Replay(model.name(), s, steps);
    }

    /** Which session each engage, ioctl and release line belongs to; an ioctl's symbol line ({@code ===> SET_BLOCK}) goes with its ioctl. */
    public static Map<Integer, Integer> sessionOfLine(Run run) {
        Map<Integer, Integer> m = new HashMap<>();
        for (DeviceSession d : run.sessions()) {
            m.put(d.engage().line(), d.id());
            d.ioctls().forEach(i -> m.put(i.line(), d.id()));
            if (d.release() != null) {
                m.put(d.release().line(), d.id());
            }
        }
        int lastIoctl = 0;
        for (TraceEvent e : run.events()) {
            if (e.is(EventKind.IOCTL)) {
                lastIoctl = m.getOrDefault(e.line(), 0);
            } else if (e.is(EventKind.IOCTL_SYMBOL) && lastIoctl != 0) {
                m.put(e.line(), lastIoctl);
            } else if (e.isDevice()) {
                lastIoctl = 0;
            }
        }
        return m;
    }
}
