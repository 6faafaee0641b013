package io.virtblk.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command table. Unknown names are answered with the closest known ones. */
public final class Commands {

    private final Map<String, Command> byName = new LinkedHashMap<>();

    public Commands() {
        for (Command c : List.of(new LoadCommand(), new SourcesCommand(), new JobsCommand(), new EventsCommand(), new QueryCommand(),
                new CountCommand(), new StatsCommand(), new FieldsCommand(), new ContextCommand(), new UnloadCommand(), new ResetCommand(), new ReplayCommand(), new ReproCommand(), new SessionsCommand(), new TimelineCommand(), new ExportCommand(), new SetCommand(), new ShowCommand(), new HistoryCommand(), new SourceCommand(this),
                new HelpCommand(this))) {
            byName.put(c.name(), c);
        }
    }

    public List<Command> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Runs one command line; throws {@link CommandException} with a message the user can act on. */
    public void execute(String line, Session session) {
        List<Words.Span> words = Words.spans(line);
        if (words.isEmpty()) {
            return;
        }
        String name = words.getFirst().word();
        Command c = byName.get(name);
        if (c == null) {
            throw new UsageException("unknown command: " + name + suggestion(name) + " (type 'help' for the list)");
        }
        List<Words.Span> args = words.subList(1, words.size());
        if (session.settings().json() && c.synopsis().contains("--json") && args.stream().noneMatch(w -> w.word().equals("--json"))) {
            // 'set format json': every data command answers as if --json were given
            args = new java.util.ArrayList<>(args);
            args.add(new Words.Span("--json", line.length(), line.length()));
        }
        try {
            c.run(args, line, session);
        } catch (io.virtblk.analyzer.store.QueryError e) {
            throw new CommandException(name + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new CommandException(name + ": " + e.getCause().getMessage());
        }
    }

    private String suggestion(String name) {
        List<String> close = new ArrayList<>();
        byName.keySet().stream()
                .sorted(Comparator.comparingInt(k -> distance(k, name)))
                .filter(k -> distance(k, name) <= Math.max(2, name.length() / 2) || k.startsWith(name))
                .limit(3)
                .forEach(close::add);
        List<String> extra = List.of("quit", "exit");
        for (String k : extra) {
            if (distance(k, name) <= 2 && close.size() < 3) {
                close.add(k);
            }
        }
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
