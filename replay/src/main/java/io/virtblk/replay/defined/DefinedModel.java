package io.virtblk.replay.defined;

import io.virtblk.grammar.driver.DriverDefinition;
import io.virtblk.grammar.driver.DriverDefinition.Handshake;
import io.virtblk.grammar.driver.DriverDefinition.HazardRule;
import io.virtblk.grammar.driver.DriverDefinition.Race;
import io.virtblk.grammar.driver.DriverDefinition.Wait;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A driver's model assembled from its definition's building blocks, as written or with some
 * hazards fixed (a variant). The blocks:
 * <ul>
 *   <li>sessions: an engage opens, a release closes; fio's BLKFLSBUF makes the session a
 *       submitter of the calibrated number of I/Os;</li>
 *   <li>workers: each serves one submitter at a time, round robin, at the calibrated time per
 *       I/O (one worker: the submitters share it);</li>
 *   <li>structures: a race rule's structure the workers touch unlocked is corrupted the moment
 *       enough submitters submit at once, and no request completes again (fixed: they lock);</li>
 *   <li>handshakes: armed by a command, each transfer then takes the gate and the next waits until
 *       a set command opens it; a worker still waiting when the run ends is a stall on the wait
 *       rule (fixed: the armed session's release wakes it, or the wait times out).</li>
 * </ul>
 */
final class DefinedModel implements DeviceModel {

    /** fio's flush before its I/O: a session issuing it starts submitting. */
    static final String IO_START = "BLKFLSBUF";

    private final String name;
    private final DefinedDriver driver;
    private final DriverDefinition def;
    private final Set<String> fixes;

    DefinedModel(String name, DefinedDriver driver, Set<String> fixes) {
        this.name = name;
        this.driver = driver;
        this.def = driver.definition();
        this.fixes = Set.copyOf(fixes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Driver driver() {
        return driver;
    }

    /** The hazards this model has fixed. */
    Set<String> fixes() {
        return fixes;
    }

    @Override
    public DeviceState start() {
        DefinedState s = new DefinedState();
        def.handshakes().forEach(h -> s.open.put(h.name(), h.initiallyOpen()));
        return s;
    }

    private boolean wakesOnRelease(Handshake h) {
        return h.wakesOnRelease() || waitRules(h).anyMatch(r -> r.fixedBy().wakesOnRelease());
    }

    private Double timeout(Handshake h) {
        return waitRules(h).map(r -> r.fixedBy().timeoutSeconds()).filter(java.util.Objects::nonNull).findFirst().orElse(h.timeoutSeconds());
    }

    /** The fixed wait rules on {@code h}. */
    private java.util.stream.Stream<HazardRule> waitRules(Handshake h) {
        return def.hazards().stream().filter(r -> fixes.contains(r.id()) && r.rule() instanceof Wait w && w.handshake().equals(h.name()));
    }

    @Override
    public void apply(DeviceState state, TraceEvent e, int session, Calibration cal) {
        DefinedState s = (DefinedState) state;
        switch (e.kind()) {
            case ENGAGE -> s.open().add(session);
            case RELEASE -> {
                s.release(session);
                for (Handshake h : def.handshakes()) {
                    if (Integer.valueOf(session).equals(s.armedBy.get(h.name()))) {
                        s.armedBy.remove(h.name());
                        if (wakesOnRelease(h) && h.name().equals(s.waitingAt)) {
                            wake(s);
                        }
                    }
                }
            }
            case IOCTL -> ioctl(s, e, session, cal);
            case TRANSFER -> {
                for (Handshake h : def.handshakes()) {
                    if (s.armedBy.containsKey(h.name())) {
                        if (s.open.get(h.name())) {
                            s.open.put(h.name(), false);
                        } else {
                            // a transfer logged while the worker waits is the trace's word: the wait is from the latest
                            s.waitingAt = h.name();
                            s.waitingSince = e;
                            s.waitStart = s.now();
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private void ioctl(DefinedState s, TraceEvent e, int session, Calibration cal) {
        String command = e.ioctl() == null ? "" : e.ioctl();
        for (Handshake h : def.handshakes()) {
            if (h.armedBy().contains(command)) {
                s.armedBy.put(h.name(), session);
            }
            if (h.setBy().contains(command)) {
                s.open.put(h.name(), true);
                if (h.name().equals(s.waitingAt)) {
                    wake(s);
                }
            }
        }
        if (IO_START.equals(command)) {
            s.submit(session, cal.iosPerSession());
            long active = s.submitters().values().stream().filter(left -> left > 0).count();
            for (HazardRule r : def.hazards()) {
                if (r.rule() instanceof Race race && !fixes.contains(r.id()) && !locked(race.structure()) && active >= race.submittersAtLeast()
                        && s.corrupted == null) {
                    // the workers walk the structure without the lock while another CPU changes it
                    s.corrupted = race.structure();
                    s.stall(e, r.id());
                }
            }
        }
    }

    private boolean locked(String structure) {
        return def.structures().stream().anyMatch(x -> x.name().equals(structure) && x.workerLocks());
    }

    private static void wake(DefinedState s) {
        s.waitingAt = null;
        s.waitingSince = null;
    }

    @Override
    public void advance(DeviceState state, double until, Calibration cal) {
        DefinedState s = (DefinedState) state;
        Map<Integer, Long> submitters = s.submitters();
        while (s.now() < until) {
            if (s.waitingAt != null) {
                Double timeout = timeout(def.handshake(s.waitingAt));
                if (timeout == null || s.waitStart + timeout > until) {
                    s.now(until);
                    return;
                }
                s.now(Math.max(s.now(), s.waitStart + timeout)); // the worker gives up waiting and goes on
                wake(s);
                continue;
            }
            if (s.corrupted != null || s.queueDepth() == 0) {
                s.now(until);
                return;
            }
            List<Integer> served = new ArrayList<>();
            for (var x : submitters.entrySet()) {
                if (x.getValue() > 0 && served.size() < def.workers()) {
                    served.add(x.getKey());
                }
            }
            if (served.isEmpty()) {
                s.now(until);
                return;
            }
            // each worker serves its submitter a batch at a time, so long runs cost few steps
            long canDo = Math.max(1, (long) ((until - s.now()) / cal.secondsPerIo()));
            long batch = Math.min(canDo, 256);
            for (int id : served) {
                batch = Math.min(batch, submitters.get(id));
            }
            s.now(s.now() + batch * cal.secondsPerIo());
            for (int id : served) {
                long left = submitters.get(id) - batch;
                s.complete(batch);
                submitters.remove(id);
                submitters.put(id, left); // round robin: the served go to the back
                if (left == 0) {
                    s.finishedAt().put(id, s.now());
                }
            }
        }
    }

    @Override
    public void finish(DeviceState state) {
        DefinedState s = (DefinedState) state;
        if (s.waitingAt != null && timeout(def.handshake(s.waitingAt)) != null) {
            return; // a wait with a timeout ends: the worker goes on once it passes, whatever the log shows after
        }
        if (s.waitingAt != null && !s.stalled()) {
            // the run ends with a worker asleep at a gate nothing opened
            String id = def.hazards().stream().filter(r -> r.rule() instanceof Wait w && w.handshake().equals(s.waitingAt)).map(HazardRule::id)
                    .findFirst().orElse(null);
            s.stall(s.waitingSince, id);
        }
    }
}
