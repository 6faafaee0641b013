/**
 * Parsing: lines to events, one reader per input kind, each on its ANTLR grammar (lexer and
 * parser split, no actions; generated at build time from {@code src/main/antlr4}).
 *
 * <ul>
 *   <li>{@code grammar.kernel}: kernel log lines - {@link io.virtblk.grammar.kernel.KernelLogReader}</li>
 *   <li>{@code grammar.fio}: fio's normal output - {@link io.virtblk.grammar.fio.FioOutputReader}</li>
 *   <li>{@code grammar.transcript}: session transcripts - {@link io.virtblk.grammar.transcript.TranscriptReader}</li>
 * </ul>
 *
 * Readers write to an {@link io.virtblk.grammar.EventSink}, which accounts for every line.
 * {@link io.virtblk.grammar.Recognizers} holds the two-stage (SLL, then LL) parsing all share.
 */
package io.virtblk.grammar;
