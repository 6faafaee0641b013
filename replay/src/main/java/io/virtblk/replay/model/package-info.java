/**
 * What every device model shares: the {@link io.virtblk.replay.model.DeviceModel} interface, the
 * {@link io.virtblk.replay.model.DeviceState} every block device has, the calibration of the
 * per-I/O service time on completed runs, and the deterministic
 * {@link io.virtblk.replay.model.Simulator}. A driver's own models live in its package.
 */
package io.virtblk.replay.model;
