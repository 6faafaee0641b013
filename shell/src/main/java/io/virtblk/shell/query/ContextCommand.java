package io.virtblk.shell.query;

import io.virtblk.input.Line;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code context N LINE@SOURCE}: the lines around a hit, as written. */
public final class ContextCommand implements Command {

    @Override
    public String name() {
        return "context";
    }

    @Override
    public String synopsis() {
        return "context N LINE[@SOURCE]";
    }

    @Override
    public String summary() {
        return "the N lines before and after a line of a loaded source";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of());
        if (a.positional().size() != 2) {
            throw new UsageException("context: give N and LINE@SOURCE, e.g. context 3 106@samples/000_session.txt"
                    + " (@SOURCE may be left out when one source is loaded)");
        }
        String at = a.positional().get(1);
        int sign = at.indexOf('@');
        int n;
        int line;
        try {
            n = Integer.parseInt(a.positional().get(0));
            line = Integer.parseInt(sign < 0 ? at : at.substring(0, sign));
        } catch (NumberFormatException e) {
            throw new UsageException("context: N and LINE are whole numbers, e.g. context 3 106@samples/000_session.txt");
        }
        if (n < 0 || line < 1) {
            throw new UsageException("context: N is 0 or more and LINE 1 or more, e.g. context 3 106@samples/000_session.txt");
        }
        String source = sign < 0 ? onlySource(session) : at.substring(sign + 1);
        try {
            int total = session.store().lines(source);
            if (line > total && session.store().sourceNamed(source) != null) {
                throw new CommandException("context: " + session.store().sourceNamed(source) + " has " + String.format("%,d", total)
                        + " lines; line " + String.format("%,d", line) + " is past its end");
            }
            List<Line> lines = session.store().context(source, line, n);
            for (Line l : lines) {
                session.out().printf("%s%6d  %s%n", l.number() == line ? ">" : " ", l.number(), Style.visible(l.text()));
            }
            session.out().flush();
        } catch (IllegalArgumentException e) {
            throw new CommandException("context: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source meant when none is named: the only one loaded. */
    private static String onlySource(Session session) {
        List<String> names = session.store().sources().stream().map(s -> s.summary().name()).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        throw new UsageException(names.isEmpty() ? "context: nothing is loaded; load a file first"
                : "context: " + names.size() + " sources are loaded; say which with LINE@SOURCE, e.g. context 3 106@" + names.getFirst());
    }
}
