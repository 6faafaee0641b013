/**
 * Bytes to lines. Enters: a file (plain or gzip). Leaves: numbered {@link io.virtblk.input.Line}s
 * and {@link io.virtblk.input.Diagnostic}s for what was odd about the bytes (invalid UTF-8, NUL,
 * huge lines, a damaged gzip). Start with {@link io.virtblk.input.LineReader}.
 */
package io.virtblk.input;
