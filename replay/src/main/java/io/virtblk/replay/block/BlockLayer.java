package io.virtblk.replay.block;

import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.SessionRules;
import io.virtblk.replay.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The driver behind {@link QueueModel}: any block device, known only by what its block
 * tracepoints show. It has no sessions, hazards or reproducer of a driver's own: a block trace
 * holds requests, and what went wrong on its device is {@link BlockDiagnoser}'s verdict, with the
 * queue model's replay as part of its evidence. It is no registered driver ({@code replay --model}
 * offers the drivers' models for a driver's log); the queue model is chosen by what was loaded.
 */
public final class BlockLayer implements Driver {

    private final QueueModel model;

    BlockLayer(QueueModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return "block";
    }

    @Override
    public String summary() {
        return "any block device, from its block tracepoints: a queue of the device's depth at its healthy pace";
    }

    @Override
    public List<DeviceModel> models() {
        return List.of(model);
    }

    @Override
    public Optional<DeviceModel> repaired() {
        return Optional.empty(); // the what-if is the healthy device the model is: QueueReplay.healthyFinish
    }

    @Override
    public SessionRules sessionRules() {
        return new SessionRules(Set.of());
    }

    @Override
    public List<Hazard> hazards(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model) {
        return List.of();
    }

    @Override
    public Optional<String> explain(String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        return Optional.empty();
    }

    @Override
    public String expectedLog(List<DeviceSession> sessions, String hazard) {
        return "";
    }
}
