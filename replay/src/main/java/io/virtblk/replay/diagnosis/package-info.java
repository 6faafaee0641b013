/**
 * A replayed run made a verdict: the log's evidence first (fio's stuck notices, the operator's
 * notes, the kernel's reports, sessions never released), then the model's account of where and
 * why, then the driver's hazards that did not strike. Driver-neutral: hazards and their
 * explanations come from the model's {@link io.virtblk.replay.driver.Driver}.
 */
package io.virtblk.replay.diagnosis;
