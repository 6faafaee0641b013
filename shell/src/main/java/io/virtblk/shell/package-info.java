/**
 * The shell: where users meet virtblk-shell. Enters: command lines (from {@code -c}, a prompt
 * or a script). Leaves: text and JSON on stdout, errors on stderr, exit codes.
 *
 * <p>This package is the program itself: {@link io.virtblk.shell.Main} (arguments and exit codes),
 * {@link io.virtblk.shell.Check} ({@code check}, the batch verdict), {@link io.virtblk.shell.Repl}
 * (the prompt, its completion and highlighting), {@link io.virtblk.shell.Commands} (the command
 * table) and the commands about the shell itself ({@code help}, {@code set}, {@code show},
 * {@code reset}, {@code history}, {@code source}). Each other command lives with its concern:
 * {@link io.virtblk.shell.command} (what every command is made of), {@link io.virtblk.shell.sources}
 * (what is loaded), {@link io.virtblk.shell.query} (finding and counting events),
 * {@link io.virtblk.shell.fio} (fio's jobs and latencies) and {@link io.virtblk.shell.replay}
 * (what the device did). Those packages never import this one.
 */
package io.virtblk.shell;
