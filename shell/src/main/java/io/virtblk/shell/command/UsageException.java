package io.virtblk.shell.command;

/** The command line itself is wrong (unknown option, missing argument): exit code 2 in batch mode. */
public final class UsageException extends CommandException {

    public UsageException(String message) {
        super(message);
    }
}
