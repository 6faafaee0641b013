package io.virtblk.shell;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import java.util.List;

/** {@code show}: the shell's options and where the cache is. */
final class ShowCommand implements Command {

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String synopsis() {
        return "show";
    }

    @Override
    public String summary() {
        return "the shell's options, the cache folder and the terminal width";
    }

    @Override
    public void run(List<String> args, Session session) {
        session.settings().all().forEach((k, v) -> session.out().printf("%-8s %s%n", k, v));
        session.out().printf("%-8s %s%n", "cache", session.store().cache() == null ? "(memory)" : session.store().cache());
        session.out().printf("%-8s %d%n", "width", session.width());
        session.out().flush();
    }
}
