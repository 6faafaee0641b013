package io.virtblk.shell.command;

/**
 * A command failed through a fault of ours, not the user's: the message names the command, the
 * failure and the file its stack trace went to, so the user can report it and go on working.
 */
public final class InternalFailure extends CommandException {

    public InternalFailure(String command, Throwable failure, java.nio.file.Path log) {
        super("internal error in " + command + ": " + describe(failure)
                + (log == null ? " (its stack trace could not be written anywhere)" : " (stack trace in " + log + ")")
                + "; the session goes on, please report it with the input that caused it");
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getName() + (m == null ? "" : ": " + m);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
