/**
 * The virtblkiosim driver's message recogniser: its lines into device events at load
 * ({@link io.virtblk.grammar.virtblkiosim.VirtblkiosimGrammar}, found through
 * {@code META-INF/services/io.virtblk.grammar.driver.DriverGrammar}). The rest of the driver is
 * replay's {@code io.virtblk.replay.virtblkiosim}.
 */
package io.virtblk.grammar.virtblkiosim;
