package io.virtblk.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code count QUERY}: how many events match. */
final class CountCommand implements LineCommand {

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String synopsis() {
        return "count QUERY";
    }

    @Override
    public String summary() {
        return "the number of events matching a query";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        QueryArgs qa = QueryArgs.parse(name(), spans, line, Set.of(), Set.of());
        try {
            session.out().println(session.store().count(qa.query().isBlank() ? "*:*" : qa.query()));
            session.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
