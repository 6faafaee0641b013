package io.virtblk.shell;

import io.virtblk.event.Event;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code events [--type T[,T...]] [--limit N] [--json]}: events in input order. */
final class EventsCommand implements Command {

    private static final int TEXT_LIMIT = 100;

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
            throw new UsageException("events: unexpected argument '" + a.positional().getFirst() + "'; filter with --type or --source");
        }
        boolean json = a.flag("--json");
        int limit = a.intOption(name(), "--limit", json ? Integer.MAX_VALUE : TEXT_LIMIT);
        Set<String> types = a.option("--type") == null ? null : new HashSet<>(Arrays.asList(a.option("--type").split(",")));
        String source = a.option("--source");
        if (types != null) {
            Set<String> known = new HashSet<>();
            session.workspace().events().forEach(e -> known.add(e.type()));
            for (String t : types) {
                if (!known.contains(t) && !session.workspace().sources().isEmpty()) {
                    session.err().println("events: no events of type '" + t + "' loaded; types present: " + String.join(", ", new java.util.TreeSet<>(known)));
                }
            }
        }
        List<Event> all = session.workspace().events()
                .filter(e -> types == null || types.contains(e.type()))
                .filter(e -> source == null || e.at().source().equals(source))
                .toList();
        List<Event> shown = all.subList(0, Math.min(limit, all.size()));
        if (json) {
            session.out().println(Json.write(shown.stream().map(Json::event).toList()));
        } else {
            for (Event e : shown) {
                session.out().printf("%s  %-14s %s%n", e.at(), e.type(), firstLine(e.raw()));
            }
            if (all.size() > shown.size()) {
                session.out().printf("... %d more (use --limit N)%n", all.size() - shown.size());
            }
        }
        session.out().flush();
    }

    private static String firstLine(String raw) {
        int nl = raw.indexOf('\n');
        return nl < 0 ? raw : raw.substring(0, nl) + " [+" + raw.chars().filter(c -> c == '\n').count() + " lines]";
    }
}
