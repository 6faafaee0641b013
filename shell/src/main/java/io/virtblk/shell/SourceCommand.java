package io.virtblk.shell;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code source FILE}: runs the commands of a script file, one a line; '#' starts a comment. */
final class SourceCommand implements Command {

    private final Commands commands;

    SourceCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "source";
    }

    @Override
    public String synopsis() {
        return "source FILE";
    }

    @Override
    public String summary() {
        return "run the commands of a script file";
    }

    @Override
    public void run(List<String> args, Session session) {
        if (args.size() != 1) {
            throw new UsageException("source: name one script file");
        }
        runScript(Path.of(args.getFirst()), commands, session);
    }

    /** Runs a script; stops at the first failing command, naming its file and line. */
    static void runScript(Path file, Commands commands, Session session) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new CommandException("source: " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandException("source: " + file + ": cannot read: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                commands.execute(line, session);
            } catch (UsageException e) {
                throw new UsageException(file + ":" + (i + 1) + ": " + e.getMessage());
            } catch (CommandException e) {
                throw new CommandException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
    }
}
