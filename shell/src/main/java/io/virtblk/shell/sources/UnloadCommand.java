package io.virtblk.shell.sources;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code unload SOURCE...}: drops sources from the session (their cached index stays for next time). */
public final class UnloadCommand implements Command {

    @Override
    public String name() {
        return "unload";
    }

    @Override
    public String synopsis() {
        return "unload SOURCE...";
    }

    @Override
    public String summary() {
        return "drop loaded sources from the session";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of());
        if (a.positional().isEmpty()) {
            throw new UsageException("unload: name a source (see 'sources')");
        }
        try {
            for (String s : a.positional()) {
                String name = session.store().sourceNamed(s);
                if (name == null || !session.store().unload(name)) {
                    throw new CommandException("unload: " + session.store().noSourceNamed(s));
                }
                session.out().println("unloaded " + name);
            }
            session.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
