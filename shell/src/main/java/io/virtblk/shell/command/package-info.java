/**
 * What every command is made of, and nothing about any one command: the {@link
 * io.virtblk.shell.command.Command} interface, the {@link io.virtblk.shell.command.Session} it acts
 * on (loaded sources, settings, the last replay of each source, where output goes), its arguments
 * ({@link io.virtblk.shell.command.Args}, {@link io.virtblk.shell.command.Words}), its failures
 * ({@link io.virtblk.shell.command.CommandException} and the kinds a user can act on) and how an
 * answer is written (colour, JSON, times, fio's numbers, a progress line, writers that stop on
 * Ctrl-C and show control characters visibly).
 *
 * <p>Every other shell package builds on this one; this one imports none of them.
 */
package io.virtblk.shell.command;
