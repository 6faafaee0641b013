package io.virtblk.shell;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code reset}: drops every source from the session. */
final class ResetCommand implements Command {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String synopsis() {
        return "reset";
    }

    @Override
    public String summary() {
        return "drop every loaded source";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args.parse(name(), args, Set.of(), Set.of());
        try {
            int n = session.store().sources().size();
            session.store().reset();
            session.out().println("unloaded " + n + " source(s)");
            session.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
