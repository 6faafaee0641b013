/**
 * The virtblkiosim driver, whole: its {@link io.virtblk.replay.virtblkiosim.VirtblkiosimDriver}
 * (registered in {@code META-INF/services}), its models as written and fixed, its own device
 * state, and its hazards H1–H3. Nothing outside this package names virtblkiosim's ioctls,
 * hazards or model names.
 */
package io.virtblk.replay.virtblkiosim;
