package io.virtblk.shell;

import io.virtblk.shell.command.CancellableWriter;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.InternalFailure;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import io.virtblk.shell.command.Words;
import io.virtblk.shell.fio.HistogramCommand;
import io.virtblk.shell.fio.JobsCommand;
import io.virtblk.shell.fio.LatencyCommand;
import io.virtblk.shell.query.ContextCommand;
import io.virtblk.shell.query.CountCommand;
import io.virtblk.shell.query.EventsCommand;
import io.virtblk.shell.query.ExportCommand;
import io.virtblk.shell.query.FieldsCommand;
import io.virtblk.shell.query.QueryCommand;
import io.virtblk.shell.query.StatsCommand;
import io.virtblk.shell.replay.DevicesCommand;
import io.virtblk.shell.replay.ReplayCommand;
import io.virtblk.shell.replay.RequestsCommand;
import io.virtblk.shell.replay.ReproCommand;
import io.virtblk.shell.replay.SessionsCommand;
import io.virtblk.shell.replay.TimelineCommand;
import io.virtblk.shell.replay.TriageCommand;
import io.virtblk.shell.sources.CacheCommand;
import io.virtblk.shell.sources.LoadCommand;
import io.virtblk.shell.sources.PushCommand;
import io.virtblk.shell.sources.SourcesCommand;
import io.virtblk.shell.sources.UnloadCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command table. Unknown names are answered with the closest known ones. */
public final class Commands {

    private final Map<String, Command> byName = new LinkedHashMap<>();

    public Commands() {
        for (Command c : List.of(new LoadCommand(), new SourcesCommand(), new JobsCommand(), new EventsCommand(), new QueryCommand(),
                new CountCommand(), new StatsCommand(), new FieldsCommand(), new ContextCommand(), new UnloadCommand(), new ResetCommand(), new CacheCommand(), new ReplayCommand(), new TriageCommand(), new DevicesCommand(), new RequestsCommand(), new ReproCommand(), new PushCommand(), new SessionsCommand(), new TimelineCommand(), new ExportCommand(), new LatencyCommand(), new HistogramCommand(), new SetCommand(), new ShowCommand(), new HistoryCommand(), new SourceCommand(this),
                new HelpCommand(this))) {
            byName.put(c.name(), c);
        }
    }

    /** A table with more commands than the shipped ones; tests use it to inject failures. */
    Commands with(Command extra) {
        byName.put(extra.name(), extra);
        return this;
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
            if (Thread.currentThread().isInterrupted() || io.virtblk.analyzer.store.Interrupts.causedBy(e)) {
                throw io.virtblk.analyzer.store.Interrupts.cancelled(name + " stopped", e);
            }
            throw new CommandException(name + ": " + e.getCause().getMessage());
        } catch (CancellableWriter.Stopped e) {
            throw io.virtblk.analyzer.store.Interrupts.cancelled(name + " stopped", e);
        } catch (java.util.concurrent.CancellationException e) {
            // the store says only "interrupted"; the user wants to know what stopped
            throw "interrupted".equals(e.getMessage()) ? io.virtblk.analyzer.store.Interrupts.cancelled(name + " stopped", e) : e;
        } catch (CommandException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError | LinkageError e) {
            // A fault of ours must cost one command, never the session (or, in batch mode, more than exit 1).
            if (Thread.interrupted() | io.virtblk.analyzer.store.Interrupts.causedBy(e)) {
                // Ctrl-C landed somewhere no command expected it: still what the user asked for
                throw io.virtblk.analyzer.store.Interrupts.cancelled(name + " stopped", e);
            }
            throw new InternalFailure(name, e, CrashLog.record(line, e));
        }
    }

    private String suggestion(String name) {
        List<String> names = new ArrayList<>(byName.keySet());
        names.add("quit");
        names.add("exit");
        List<String> close = io.virtblk.analyzer.Spelling.nearest(names, name, 3).stream()
                .filter(k -> io.virtblk.analyzer.Spelling.distance(k, name) <= Math.max(2, name.length() / 2) || k.startsWith(name))
                .toList();
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
    }
}
