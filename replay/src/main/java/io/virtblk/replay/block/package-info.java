/**
 * Any block device, from its block-layer trace: the requests paired by the reader
 * ({@link io.virtblk.event.BlockRequest}) summed per device and direction as btt sums them, and a
 * verdict per device with its evidence: {@code healthy}, {@code stalled} (the device stopped
 * completing while requests were in flight: the window, the stuck requests, who waited and the
 * tasks the kernel reported hung), {@code throttled} (the waiting happened before the device) or
 * {@code blocked-above} (tasks hung while the device had nothing to do). Hung-task reports and fio
 * jobs are tied to a device by pid, command and time on the kernel's one clock.
 */
package io.virtblk.replay.block;
