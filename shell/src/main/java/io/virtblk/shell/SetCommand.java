package io.virtblk.shell;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.util.List;

/** {@code set NAME VALUE}: change a shell option (see {@code show}). */
final class SetCommand implements Command {

    @Override
    public String name() {
        return "set";
    }

    @Override
    public String synopsis() {
        return "set format text|json | set color auto|on|off | set limit N | set pager auto|off | set timezone ZONE|as-written";
    }

    @Override
    public String summary() {
        return "change a shell option";
    }

    @Override
    public void run(List<String> args, Session session) {
        if (args.size() != 2) {
            throw new UsageException("set: give an option and a value, e.g. set format json (options: format, color, limit)");
        }
        session.settings().set(args.get(0), args.get(1));
        session.out().println(args.get(0) + " = " + session.settings().all().get(args.get(0)));
        session.out().flush();
    }
}
