/**
 * A stalled run minimised by delta debugging, with the model as the oracle, to the fewest
 * sessions that still stall on the same hazard; and the fio job file that recreates them, every
 * value in it checked ({@link io.virtblk.replay.repro.JobFile}).
 */
package io.virtblk.replay.repro;
