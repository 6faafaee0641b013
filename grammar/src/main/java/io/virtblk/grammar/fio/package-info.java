/**
 * fio's outputs into fio events. {@link io.virtblk.grammar.fio.FioOutputReader} is the start: it
 * reads normal output (2.x and 3.x) line by line with {@code FioParser}, keeps blocks together and
 * hands terse lines to {@link io.virtblk.grammar.fio.FioTerseReader} and JSON documents to
 * {@link io.virtblk.grammar.fio.FioJsonReader} (which reads each job as a {@link
 * io.virtblk.grammar.fio.JsonTree} and makes its events with {@link io.virtblk.grammar.fio.FioJsonJob});
 * {@link io.virtblk.grammar.fio.FioResultBuilder} builds a job result; {@link
 * io.virtblk.grammar.fio.FioUnits} converts fio's units. Log files go to {@link
 * io.virtblk.grammar.fio.FioLogReader}. None of them throws on bad input: a line or value that
 * is not what fio writes is a diagnostic, and its line is kept raw.
 */
package io.virtblk.grammar.fio;
