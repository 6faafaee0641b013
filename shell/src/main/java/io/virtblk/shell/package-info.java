/**
 * The shell: where users meet virtblk-shell. Enters: command lines (from {@code -c}, a prompt
 * or a script). Leaves: text and JSON on stdout, errors on stderr, exit codes.
 *
 * <p>Start with {@link io.virtblk.shell.Main} (arguments and exit codes), then
 * {@link io.virtblk.shell.Commands}, the command table; each command is a small class.
 */
package io.virtblk.shell;
