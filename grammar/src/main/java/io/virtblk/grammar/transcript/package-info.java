/**
 * Session transcripts. {@link io.virtblk.grammar.transcript.TranscriptReader} finds the blocks
 * with {@code TranscriptParser} and hands each command's output to the reader of that program.
 */
package io.virtblk.grammar.transcript;
