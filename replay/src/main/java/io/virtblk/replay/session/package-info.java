/**
 * Runs and their device sessions rebuilt from engage, ioctl and release lines: a transcript's
 * commands or a bare log's gaps make the runs; where a release could have closed more than one
 * session, every reading is weighed against the evidence ({@link io.virtblk.replay.session.Attributor}),
 * with the driver's {@link io.virtblk.replay.session.SessionRules}.
 */
package io.virtblk.replay.session;
