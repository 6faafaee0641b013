package io.virtblk.replay.driver.toy;

import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.DeviceState;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.SessionRules;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A second driver as small as one can be, to show what adding a Java driver takes: this package
 * and one line in {@code META-INF/services/io.virtblk.replay.driver.Driver}. Its device hangs on
 * the first data transfer it logs (hazard T1): no request completes after it.
 */
public class ToyDriver implements Driver {

    static final String T1 = "T1";

    /** Another driver offering a model of the same name: the registry must refuse the pair. */
    public static final class Twin extends ToyDriver {
    }

    /** toyblk as written: every I/O completes until the first transfer, then none does. */
    static final class Model implements DeviceModel {

        @Override
        public String name() {
            return "toyblk";
        }

        @Override
        public Driver driver() {
            return new ToyDriver();
        }

        @Override
        public void apply(DeviceState s, TraceEvent e, int session, Calibration cal) {
            switch (e.kind()) {
                case ENGAGE -> s.open().add(session);
                case RELEASE -> s.release(session);
                case IOCTL -> {
                    if ("BLKFLSBUF".equals(e.ioctl())) {
                        s.submit(session, cal.iosPerSession());
                    }
                }
                case TRANSFER -> {
                    if (!s.stalled()) {
                        s.stall(e, T1);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void advance(DeviceState s, double until, Calibration cal) {
            if (!s.stalled()) {
                s.submitters().replaceAll((session, left) -> 0L);
                s.complete(s.queueDepth());
            }
            s.now(until);
        }
    }

    @Override
    public String name() {
        return "toyblk";
    }

    @Override
    public String summary() {
        return "a toy that hangs on its first transfer";
    }

    @Override
    public List<DeviceModel> models() {
        return List.of(new Model());
    }

    @Override
    public Optional<DeviceModel> repaired() {
        return Optional.empty();
    }

    @Override
    public SessionRules sessionRules() {
        return new SessionRules(Set.of());
    }

    @Override
    public List<Hazard> hazards(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model) {
        boolean transfers = run.events().stream().anyMatch(e -> e.is(EventKind.TRANSFER));
        return transfers ? List.of(new Hazard(T1, "hangs on a transfer", stalled && T1.equals(replay.end().stallHazard()),
                "the device logged a data transfer")) : List.of();
    }

    @Override
    public Optional<String> explain(String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        return T1.equals(hazard) ? Optional.of("toyblk hangs on its first transfer (line " + at.line() + ").") : Optional.empty();
    }

    @Override
    public String expectedLog(List<DeviceSession> sessions, String hazard) {
        return "toyblk: a transfer, then nothing\n";
    }
}
