package io.virtblk.shell;

import io.virtblk.input.Diagnostic;
import io.virtblk.load.LoadedSource;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code load FILE...}: parses files into events and says what was found in each. */
final class LoadCommand implements Command {

    /** Diagnostics shown per file; the rest are counted and left to {@code sources}. */
    private static final int SHOWN = 10;

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String synopsis() {
        return "load [FORMAT:]FILE...";
    }

    @Override
    public String summary() {
        return "parse files (transcripts, fio output, kernel logs, .gz) into events";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of());
        if (a.positional().isEmpty()) {
            throw new UsageException("load: name at least one file, e.g. load samples/000_session.txt");
        }
        int failed = 0;
        for (String file : a.positional()) {
            try {
                LoadedSource s = session.loader().load(file);
                session.workspace().add(s);
                print(s, session);
            } catch (NoSuchFileException e) {
                session.err().println("load: " + file + ": no such file");
                failed++;
            } catch (IOException e) {
                session.err().println("load: " + file + ": cannot read: " + e.getMessage());
                failed++;
            }
        }
        if (failed > 0) {
            throw new CommandException("load: " + failed + " of " + a.positional().size() + " file(s) not loaded");
        }
    }

    static void print(LoadedSource s, Session session) {
        var out = session.out();
        out.printf("%s: %s%s, %d lines, %d events, %d raw lines, %d diagnostics%n", s.name(), s.format().id(),
                s.gzip() ? " (gzip)" : "", s.lines(), s.events().size(), s.rawLines(), s.diagnostics().size() + s.diagnosticsDropped());
        StringBuilder types = new StringBuilder("  events by type:");
        for (Map.Entry<String, Integer> e : s.eventsByType().entrySet()) {
            types.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        out.println(types);
        int shown = 0;
        for (Diagnostic d : s.diagnostics()) {
            if (shown++ == SHOWN) {
                out.printf("  ... %d more (see 'sources %s --json')%n", s.diagnostics().size() - SHOWN, s.name());
                break;
            }
            out.println("  " + d);
        }
        out.flush();
    }
}
