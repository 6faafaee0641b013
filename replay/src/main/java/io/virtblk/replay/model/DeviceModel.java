package io.virtblk.replay.model;

import io.virtblk.replay.trace.TraceEvent;

/**
 * A driver's behaviour, as a set of rules applied to the simulated device one trace event at a
 * time. Other drivers get their own implementation; {@link VirtblkiosimModel} is the first.
 */
public interface DeviceModel {

    String name();

    /** The event has happened at {@code state.now}, from session {@code session} (0 when it is no session's). */
    void apply(DeviceState state, TraceEvent event, int session, Calibration calibration);

    /** Lets the worker run until {@code until} seconds: requests complete unless the device is stuck. */
    void advance(DeviceState state, double until, Calibration calibration);
}
