/**
 * How a driver's own kernel lines are recognised at load. A Java driver brings a
 * {@link io.virtblk.grammar.driver.DriverGrammar}, found by
 * {@link io.virtblk.grammar.driver.DriverGrammars} through {@code ServiceLoader}.
 * Drivers defined by a file, without recompiling: {@link io.virtblk.grammar.driver.DriverFile}
 * reads and checks a definition (against {@code driver.schema.json}, shipped beside it) into a
 * {@link io.virtblk.grammar.driver.DriverDefinition}; {@link io.virtblk.grammar.driver.DriverLines}
 * turns the driver's kernel lines into device events at load. Replay builds the driver's model
 * from the same definition.
 */
package io.virtblk.grammar.driver;
