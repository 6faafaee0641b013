package io.virtblk.shell;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import java.util.List;

/** {@code history}: the commands typed so far (kept across sessions; Ctrl-R searches them). */
final class HistoryCommand implements Command {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String synopsis() {
        return "history";
    }

    @Override
    public String summary() {
        return "the commands typed so far; Ctrl-R searches them";
    }

    @Override
    public void run(List<String> args, Session session) {
        List<String> lines = session.history();
        for (int i = 0; i < lines.size(); i++) {
            session.out().printf("%5d  %s%n", i + 1, lines.get(i));
        }
        session.out().flush();
    }
}
