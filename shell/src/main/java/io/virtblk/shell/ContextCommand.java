package io.virtblk.shell;

import io.virtblk.input.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code context N LINE@SOURCE}: the lines around a hit, as written. */
final class ContextCommand implements Command {

    @Override
    public String name() {
        return "context";
    }

    @Override
    public String synopsis() {
        return "context N LINE@SOURCE";
    }

    @Override
    public String summary() {
        return "the N lines before and after a line of a loaded source";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of());
        if (a.positional().size() != 2 || !a.positional().get(1).contains("@")) {
            throw new UsageException("context: give N and LINE@SOURCE, e.g. context 3 106@samples/000_session.txt");
        }
        int n;
        int line;
        String at = a.positional().get(1);
        try {
            n = Integer.parseInt(a.positional().get(0));
            line = Integer.parseInt(at.substring(0, at.indexOf('@')));
        } catch (NumberFormatException e) {
            throw new UsageException("context: N and LINE are whole numbers, e.g. context 3 106@samples/000_session.txt");
        }
        String source = at.substring(at.indexOf('@') + 1);
        try {
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
}
