package io.virtblk.shell.query;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** {@code events [--type T[,T...]] [--source S] [--limit N] [--json]}: events in input order. */
public final class EventsCommand implements Command {

    static final int TEXT_LIMIT = 100;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String synopsis() {
        return "events [--type T[,T...]] [--source S] [--limit N] [--json]";
    }

    @Override
    public String summary() {
        return "events in input order, with their fields";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of("--type", "--limit", "--source"));
        if (!a.positional().isEmpty()) {
            throw new UsageException("events: unexpected argument '" + a.positional().getFirst() + "'; filter with --type or --source, or use query");
        }
        boolean json = a.flag("--json");
        int limit = a.intOption(name(), "--limit", json ? Integer.MAX_VALUE - 1 : session.settings().limit());
        StringBuilder q = new StringBuilder();
        if (a.option("--type") != null) {
            q.append("type:(");
            String[] types = a.option("--type").split(",");
            for (int i = 0; i < types.length; i++) {
                q.append(i == 0 ? "" : " OR ").append(EventQueries.quote(types[i]));
            }
            q.append(')');
        }
        if (a.option("--source") != null) {
            q.append(q.isEmpty() ? "" : " AND ").append("source:").append(EventQueries.quote(a.option("--source")));
        }
        try {
            long[] total = {0};
            List<Hit> hits = session.store().search(q.isEmpty() ? "*:*" : q.toString(), limit, total);
            if (total[0] == 0 && a.option("--type") != null && !session.store().sources().isEmpty()) {
                session.err().println("events: no events of type " + a.option("--type") + "; types loaded: "
                        + String.join(", ", session.store().stats("*:*", "type").keySet()));
            }
            Hits.print(hits, total[0], json, session);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
