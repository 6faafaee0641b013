/**
 * Replay: rebuilds what happened at the device and says where and why a workload stalled.
 * Enters: a source's typed events, read through the port {@link io.virtblk.replay.trace.TraceSource}
 * (the shell implements it over the store and the clusters, {@link io.virtblk.replay.trace.LoadedTrace}
 * over a source loaded in memory; replay knows neither the store nor Lucene). Leaves: per-run
 * diagnoses and reproducers.
 *
 * <p>Start with {@link io.virtblk.replay.Replays}: {@code trace} reads the events, each named by an
 * {@link io.virtblk.replay.trace.EventKind},
 * {@code session} splits runs (a command put in the background and its {@code fg} are one) and
 * rebuilds engage/ioctl/release sessions, choosing among the readings of the releases the one the
 * evidence agrees with ({@code session.Attributor}), {@code model} holds the
 * device model ({@link io.virtblk.replay.model.VirtblkiosimModel}, drawn in
 * {@link io.virtblk.replay.model.DeviceState}) and the deterministic simulator, {@code diagnosis}
 * weighs the evidence, {@code repro} minimises a stalled run to a reproducer.
 */
package io.virtblk.replay;
