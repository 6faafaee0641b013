package io.virtblk.shell;

/** The command line itself is wrong (unknown option, missing argument): exit code 2 in batch mode. */
public final class UsageException extends CommandException {

    public UsageException(String message) {
        super(message);
    }
}
