/**
 * Kernel logs. {@link io.virtblk.grammar.kernel.KernelLogReader} takes lines; it asks
 * {@link io.virtblk.grammar.kernel.KernelLineGrammar} for the prefix (a fast path for the two
 * common shapes, then {@code KernelLineParser}) and {@link io.virtblk.grammar.kernel.KernelMessageGrammar}
 * for the meaning of driver lines, watchdog reports and call-trace frames ({@code KernelMessageParser}).
 */
package io.virtblk.grammar.kernel;
