/**
 * fio's normal output, 2.x and 3.x. {@link io.virtblk.grammar.fio.FioOutputReader} parses each
 * line with {@code FioParser} and keeps blocks together; {@link io.virtblk.grammar.fio.FioResultBuilder}
 * builds a job result; {@link io.virtblk.grammar.fio.FioUnits} converts fio's units.
 */
package io.virtblk.grammar.fio;
