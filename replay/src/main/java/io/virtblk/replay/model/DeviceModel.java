package io.virtblk.replay.model;

import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.trace.TraceEvent;

/**
 * A driver's behaviour, as a set of rules applied to the simulated device one trace event at a
 * time. A {@link Driver} offers one or more: the driver as written, and what-if variants (its
 * hazards fixed) to replay the same run against.
 */
public interface DeviceModel {

    /** The name {@code replay --model} takes: unique among every driver's models. */
    String name();

    /** The driver this models: its hazards, their explanations and its reproducer. */
    Driver driver();

    /** A new device, before the first event; a model with state of its own returns its subclass. */
    default DeviceState start() {
        return new DeviceState();
    }

    /** The event has happened at {@code state.now()}, from session {@code session} (0 when it is no session's). */
    void apply(DeviceState state, TraceEvent event, int session, Calibration calibration);

    /** Lets the worker run until {@code until} seconds: requests complete unless the device is stuck. */
    void advance(DeviceState state, double until, Calibration calibration);

    /** After the run's last event: a stall that only the run's end reveals (a worker still asleep) is marked here. */
    default void finish(DeviceState state) {
    }
}
