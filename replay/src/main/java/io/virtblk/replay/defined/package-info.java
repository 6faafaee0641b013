/**
 * Drivers defined by a file, run without recompiling: {@link io.virtblk.replay.defined.DefinedDriver}
 * makes a {@link io.virtblk.replay.driver.Driver} of a {@link io.virtblk.grammar.driver.DriverDefinition},
 * its models assembled from the definition's building blocks (sessions, workers, structures and
 * their locking, handshakes and their timeouts) and its hazards from the definition's rules.
 */
package io.virtblk.replay.defined;
