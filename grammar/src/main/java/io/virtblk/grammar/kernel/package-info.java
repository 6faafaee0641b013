/**
 * Kernel logs. {@link io.virtblk.grammar.kernel.KernelLogReader} takes lines; it asks
 * {@link io.virtblk.grammar.kernel.KernelLineGrammar} for the prefix (a fast path for the two
 * common shapes, then {@code KernelLineParser}) and {@link io.virtblk.grammar.kernel.KernelMessageGrammar}
 * for the meaning of a message: a driver's own line (through that driver's grammar), or a
 * call-trace frame ({@code CallTraceParser}). No driver is named here.
 */
package io.virtblk.grammar.kernel;
