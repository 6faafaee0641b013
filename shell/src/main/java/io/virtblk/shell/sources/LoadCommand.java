package io.virtblk.shell.sources;

import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.input.Diagnostic;
import io.virtblk.load.LoadedSource;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.ProgressLine;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code load FILE...}: parses files into the event store and says what was found in each. */
public final class LoadCommand implements Command {

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
        return "parse files (transcripts, fio output, kernel logs, .gz) into the event store";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of());
        if (a.positional().isEmpty()) {
            throw new UsageException("load: name at least one file, e.g. load samples/000_session.txt");
        }
        List<LoadTargets.Target> targets = new java.util.ArrayList<>();
        for (String arg : a.positional()) {
            targets.addAll(LoadTargets.expand(arg));
        }
        int failed = 0;
        int skipped = 0;
        for (LoadTargets.Target target : targets) {
            String file = target.spec();
            ProgressLine progress = new ProgressLine(file, session.err());
            try {
                long t0 = System.nanoTime();
                SourceIndex.Progress shown = session.interactive() ? progress : SourceIndex.Progress.NONE;
                SourceIndex.Progress watcher = session.loadWatcher();
                SourceIndex s = session.store().load(file, new SourceIndex.Progress() {
                    @Override
                    public void update(long bytes, long total, long events) {
                        shown.update(bytes, total, events);
                        watcher.update(bytes, total, events);
                    }

                    @Override
                    public void waiting(String why) {
                        // said in batch mode too: a script that seems stuck must say what it waits for
                        progress.clear();
                        session.err().println("load: " + Style.visible(file) + ": " + why);
                        session.err().flush();
                    }
                });
                print(s, session, (System.nanoTime() - t0) / 1_000_000);
            } catch (NoSuchFileException e) {
                session.err().println("load: " + Style.visible(file) + ": no such file");
                failed++;
            } catch (io.virtblk.load.SourceLoader.NotText e) {
                progress.clear();
                if (target.expanded()) {
                    // a folder or glob holds what it holds (a core dump next to the logs): skipped, said, not a failure
                    session.out().println(Style.visible(file) + ": skipped, not text");
                    skipped++;
                } else {
                    session.err().println("load: " + Style.visible(e.getMessage()));
                    failed++;
                }
            } catch (java.nio.file.AccessDeniedException e) {
                progress.clear();
                session.err().println("load: " + Style.visible(file) + ": permission denied: " + Style.visible(e.getFile()));
                failed++;
            } catch (IOException | UncheckedIOException e) {
                progress.clear();
                session.err().println("load: " + Style.visible(file) + ": cannot read: " + Style.visible(e.getMessage()));
                failed++;
            } finally {
                progress.clear(); // a cancelled load's message must start its own line
            }
        }
        if (failed > 0) {
            throw new CommandException("load: " + failed + " of " + targets.size() + " file(s) not loaded");
        }
        if (targets.size() > a.positional().size()) {
            session.out().printf("loaded %d file(s)%s%n", targets.size() - skipped, skipped == 0 ? "" : ", skipped " + skipped + " that are not text");
            session.out().flush();
        }
    }

    static void print(SourceIndex index, Session session, long millis) {
        LoadedSource s = index.summary();
        var out = session.out();
        Map<String, Long> types;
        try {
            types = session.store().typesOf(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long events = types.values().stream().mapToLong(Long::longValue).sum();
        out.printf("%s: %s%s, %d lines, %d events, %d raw lines, %d diagnostics%s%n", Style.visible(s.name()), s.format().id(),
                s.gzip() ? " (gzip)" : "", s.lines(), events, s.rawLines(), s.diagnostics().size() + s.diagnosticsDropped(),
                millis < 0 ? "" : index.reused() ? " (unchanged since indexed: reused the index, " + millis + " ms)" : " (" + millis + " ms)");
        for (String note : index.notes()) {
            out.println("  note: " + Style.visible(note));
        }
        StringBuilder byType = new StringBuilder("  events by type:");
        types.forEach((k, v) -> byType.append(' ').append(k).append('=').append(v));
        out.println(byType);
        int shown = 0;
        for (Diagnostic d : s.diagnostics()) {
            if (shown++ == SHOWN) {
                out.printf("  ... %d more (see 'sources %s --json')%n", s.diagnostics().size() + s.diagnosticsDropped() - SHOWN,
                        Style.visible(s.name()));
                break;
            }
            out.println("  " + Style.visible(d.toString()));
        }
        out.flush();
    }
}
