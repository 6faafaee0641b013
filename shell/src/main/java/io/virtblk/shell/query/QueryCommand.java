package io.virtblk.shell.query;

import io.virtblk.analyzer.store.Hit;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.LineCommand;
import io.virtblk.shell.command.NoMatch;
import io.virtblk.shell.command.QueryArgs;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import io.virtblk.shell.command.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * {@code query QUERY [--limit N] [--sort FIELD] [--desc] [--on URL] [--json]}: matching events, in input order unless
 * sorted; {@code --on} asks a cluster the events were pushed to instead of the local store.
 */
public final class QueryCommand implements LineCommand {

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String synopsis() {
        return "query QUERY [--limit N] [--sort FIELD [--desc]] [--on URL] [--json]";
    }

    @Override
    public String summary() {
        return "events matching a Lucene query over the typed fields";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        QueryArgs qa = QueryArgs.parse(name(), spans, line, Set.of("--json", "--desc"), Set.of("--limit", "--sort", "--on"));
        Args a = qa.options();
        if (qa.query().isBlank()) {
            throw new UsageException("query: give a query, e.g. query type:ioctl AND ioctl.name:BLKFLSBUF");
        }
        boolean json = a.flag("--json");
        int limit = a.intOption(name(), "--limit", json ? Integer.MAX_VALUE - 1 : session.settings().limit());
        try {
            long[] total = {0};
            var where = session.search(a.option("--on"));
            List<Hit> hits = a.option("--sort") == null
                    ? where.search(qa.query(), limit, total)
                    : where.search(qa.query(), limit, a.option("--sort"), a.flag("--desc"), total);
            Hits.print(hits, total[0], json, session);
            if (total[0] == 0 && a.option("--on") == null) {
                NoMatch.tell(session, qa.query());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
