/**
 * The driver interface and its registry: the one place replay learns what a driver's lines mean,
 * how its sessions are attributed, how it behaves (its models), what can make it stall (hazards)
 * and how to reproduce that. Each driver lives in a package of its own
 * ({@link io.virtblk.replay.virtblkiosim} is the first) and is listed in
 * {@code META-INF/services/io.virtblk.replay.driver.Driver}.
 */
package io.virtblk.replay.driver;
