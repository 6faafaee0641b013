package io.virtblk.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code unload SOURCE...}: drops sources from the session (their cached index stays for next time). */
final class UnloadCommand implements Command {

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
                if (!session.store().unload(s)) {
                    throw new CommandException("unload: no source named " + s + "; loaded: "
                            + String.join(", ", session.store().summaries().stream().map(x -> x.name()).toList()));
                }
                session.out().println("unloaded " + s);
            }
            session.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
