package io.virtblk.shell.command;

/** A command failed in a way the user can fix; the message says how. Never carries a stack trace to the screen. */
public class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message, null, false, false);
    }
}
