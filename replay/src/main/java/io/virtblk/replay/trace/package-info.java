/**
 * Replay's port: {@link io.virtblk.replay.trace.TraceSource} is how a source's events reach
 * replay, each named by an {@link io.virtblk.replay.trace.EventKind}; {@link io.virtblk.replay.trace.LoadedTrace}
 * implements it over events in memory, the shell over the store and the clusters.
 */
package io.virtblk.replay.trace;
