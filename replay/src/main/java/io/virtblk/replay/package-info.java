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
 * evidence agrees with ({@code session.Attributor}), {@code model} holds what every device
 * model shares ({@link io.virtblk.replay.model.DeviceModel}, {@link io.virtblk.replay.model.DeviceState})
 * and the deterministic simulator, {@code diagnosis} weighs the evidence, {@code repro} minimises a
 * stalled run to a reproducer. What is one driver's — its session rules, models, hazards and their
 * explanations, its reproducer's log — is behind {@link io.virtblk.replay.driver.Driver}, found by
 * {@link io.virtblk.replay.driver.Drivers}; {@code virtblkiosim} is the first such package.
 */
package io.virtblk.replay;
