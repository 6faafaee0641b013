package io.virtblk.shell.query;

import io.virtblk.shell.command.LineCommand;
import io.virtblk.shell.command.NoMatch;
import io.virtblk.shell.command.QueryArgs;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code count QUERY [--on URL]}: how many events match, here or in a cluster. */
public final class CountCommand implements LineCommand {

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String synopsis() {
        return "count QUERY [--on URL]";
    }

    @Override
    public String summary() {
        return "the number of events matching a query";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        QueryArgs qa = QueryArgs.parse(name(), spans, line, Set.of(), Set.of("--on"));
        try {
            String on = qa.options().option("--on");
            long n = session.search(on).count(qa.query().isBlank() ? "*:*" : qa.query());
            session.out().println(n);
            session.out().flush();
            if (n == 0 && on == null && !qa.query().isBlank()) {
                NoMatch.tell(session, qa.query());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
