package io.virtblk.replay.driver;

import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.SessionRules;
import io.virtblk.replay.trace.TraceEvent;
import java.util.List;
import java.util.Optional;

/**
 * Everything replay knows about one driver, behind one interface: how its sessions are told
 * apart, its device models, its hazards with their explanations and fixes, and what a reproducer
 * of a stall should make it log. Replay's stages (sessions, simulator, diagnosis, reproducer) ask
 * the driver and name none. Drivers are found by {@link Drivers} through {@link java.util.ServiceLoader}:
 * a Java driver is its own package plus one line in
 * {@code META-INF/services/io.virtblk.replay.driver.Driver}. Its message recogniser, which turns
 * its kernel lines into device events at load, is an {@link io.virtblk.grammar.driver.DriverGrammar}
 * of the same name, found the same way ({@code META-INF/services/io.virtblk.grammar.driver.DriverGrammar}).
 */
public interface Driver {

    /** The driver's name, as its kernel lines name the device ({@code virtblkiosim}). */
    String name();

    /** One line for {@code replay --model} completion and help: what the driver is. */
    String summary();

    /**
     * The models {@code replay --model} can choose, each named uniquely among all drivers: the
     * first is the driver as written (the one {@code check} and {@code replay} use), the others
     * what-if variants.
     */
    List<DeviceModel> models();

    /** The driver as written. */
    default DeviceModel model() {
        return models().getFirst();
    }

    /** The variant with its hazards fixed, when the driver has one: a reproducer must complete on it. */
    Optional<DeviceModel> repaired();

    /** How the driver's lines are grouped into sessions when they carry no pid. */
    SessionRules sessionRules();

    /**
     * The driver's hazards as one run shows them: manifest when the replay stalled on it
     * ({@code stalled} is the run's verdict), latent otherwise, each with its evidence.
     * {@code model} is the one replayed (a what-if variant says so).
     */
    List<Hazard> hazards(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model);

    /**
     * The plain-language account of a stall on {@code hazard} at {@code at}, naming the driver's
     * and the block layer's functions and the fix; empty when the driver has none for it.
     */
    Optional<String> explain(String hazard, Run run, TraceEvent at, Calibration cal, String source);

    /** The kernel-log signature a reproducer of {@code sessions} stalling on {@code hazard} should leave. */
    String expectedLog(List<DeviceSession> sessions, String hazard);
}
