package io.virtblk.shell.command;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventStore;
import io.virtblk.load.SourceLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What commands share: the event store and where output goes. */
public final class Session implements AutoCloseable {

    private final EventStore store;
    private PrintWriter out;
    private final PrintWriter err;

    /** @param cache where indexes live, or null to keep them in memory */
    public Session(Path cache, PrintWriter out, PrintWriter err) {
        this(cache, io.virtblk.grammar.report.ReportRules.builtIn(), out, err);
    }

    /** A session that finds kernel reports with {@code reports} (the shipped kinds and the user's). */
    public Session(Path cache, io.virtblk.grammar.report.ReportRules reports, PrintWriter out, PrintWriter err) {
        this(cache, reports, io.virtblk.input.Limits.standard(), out, err);
    }

    /** As {@link #Session(Path, io.virtblk.grammar.report.ReportRules, PrintWriter, PrintWriter)}, reading inputs within {@code limits}. */
    public Session(Path cache, io.virtblk.grammar.report.ReportRules reports, io.virtblk.input.Limits limits, PrintWriter out,
                   PrintWriter err) {
        this(cache, reports, limits, io.virtblk.grammar.driver.DriverLines.none(), out, err);
    }

    /** As {@link #Session(Path, io.virtblk.grammar.report.ReportRules, io.virtblk.input.Limits, PrintWriter, PrintWriter)}, reading the lines of drivers defined by files. */
    public Session(Path cache, io.virtblk.grammar.report.ReportRules reports, io.virtblk.input.Limits limits,
                   io.virtblk.grammar.driver.DriverLines drivers, PrintWriter out, PrintWriter err) {
        this.store = new EventStore(cache, new SourceLoader(null, reports, limits, drivers));
        this.out = safe(out, false);
        this.err = safe(err, true);
    }

    /** A session that keeps everything in memory (tests). */
    public Session(PrintWriter out, PrintWriter err) {
        this(null, out, err);
    }

    private int width = 100;
    private final Settings settings = new Settings();
    private boolean interactive;
    private java.util.function.Supplier<List<String>> history = List::of;

    public Settings settings() {
        return settings;
    }

    /**
     * The model a source is replayed on when none is asked for: the model of the driver defined by
     * a file whose device lines the source has, else the standard one (the Java driver's).
     */
    public io.virtblk.replay.model.DeviceModel modelFor(String source) throws java.io.IOException {
        for (var d : io.virtblk.replay.driver.Drivers.defined()) {
            if (store.count("source:" + EventQueries.quote(source) + " AND device:"
                    + EventQueries.quote(d.name())) > 0) {
                return d.model();
            }
        }
        return io.virtblk.replay.driver.Drivers.standard();
    }

    /** A source's replay, with the index, model and gap it was made from: sessions, timeline and repro after a replay reuse it. */
    private record Replayed(io.virtblk.analyzer.store.SourceIndex index, String model, double gap, io.virtblk.replay.Replays replays) {
    }

    private final java.util.Map<String, Replayed> replayed = new java.util.HashMap<>();

    /**
     * The replay of a loaded source, made once per loaded index, model and gap: on a 2 GB kern.log it
     * takes half a minute, and a user looking at run after run asks for the same one again and
     * again. A source loaded again is a new index, so it is replayed again.
     */
    public io.virtblk.replay.Replays replays(io.virtblk.analyzer.store.SourceIndex index, io.virtblk.replay.model.DeviceModel model,
                                             double gap) throws java.io.IOException {
        String name = index.summary().name();
        if (model == null) {
            model = modelFor(name);
        }
        Replayed r = replayed.get(name);
        if (r == null || r.index() != index || !r.model().equals(model.name()) || r.gap() != gap) {
            replayed.keySet().retainAll(store.summaries().stream().map(s -> s.name()).toList());
            r = new Replayed(index, model.name(), gap, io.virtblk.replay.Replays.of(new StoredTrace(store), name, model, gap));
            replayed.put(name, r);
        }
        return r.replays();
    }

    private io.virtblk.analyzer.store.SourceIndex.Progress loadWatcher = io.virtblk.analyzer.store.SourceIndex.Progress.NONE;

    /** Told of every load's progress, at the prompt or not: lets a test press Ctrl-C at a known point of a load. */
    public void watchLoads(io.virtblk.analyzer.store.SourceIndex.Progress watcher) {
        this.loadWatcher = watcher;
    }

    public io.virtblk.analyzer.store.SourceIndex.Progress loadWatcher() {
        return loadWatcher;
    }

    /** True at a prompt on a terminal: loads draw a progress line. */
    public boolean interactive() {
        return interactive;
    }

    public void interactive(boolean on) {
        this.interactive = on;
    }

    public List<String> history() {
        return history.get();
    }

    public void history(java.util.function.Supplier<List<String>> lines) {
        this.history = lines;
    }

    /** Columns to fit output into: the terminal's width, or 100 when output is not a terminal. */
    public int width() {
        return width;
    }

    public void width(int columns) {
        if (columns > 20) {
            this.width = columns;
        }
    }

    public EventStore store() {
        return store;
    }

    private final java.util.Map<String, io.virtblk.cluster.client.Cluster> clusters = new java.util.HashMap<>();
    private java.util.Map<String, String> env = System.getenv();

    /** Where {@code --on URL} asks: the local store when {@code url} is null, else that cluster. */
    public io.virtblk.analyzer.store.EventSearch search(String url) {
        return url == null ? store : cluster(url);
    }

    /** The cluster at {@code url}, opened once per session; its credentials come from the environment. */
    public io.virtblk.cluster.client.Cluster cluster(String url) {
        try {
            return clusters.computeIfAbsent(url, u -> io.virtblk.cluster.client.Cluster.open(u, env, io.virtblk.cluster.client.Retry.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public java.util.Map<String, String> environment() {
        return env;
    }

    /** The environment credentials are read from (tests give their own). */
    public void environment(java.util.Map<String, String> variables) {
        this.env = java.util.Map.copyOf(variables);
        clusters.clear();
    }

    public PrintWriter out() {
        return out;
    }

    /** Sends command output somewhere else for a while (the prompt collects it to page it); returns the old writer. */
    public PrintWriter redirect(PrintWriter to) {
        PrintWriter old = out;
        out = safe(to, false);
        return old;
    }

    /** A writer that shows control characters from files visibly ({@link TerminalSafeWriter}); one already so is kept. */
    private static PrintWriter safe(PrintWriter w, boolean progressLines) {
        return w instanceof SafePrintWriter ? w : new SafePrintWriter(w, progressLines);
    }

    /** Marks a writer already made safe, so that redirecting back does not wrap it twice. */
    private static final class SafePrintWriter extends PrintWriter {
        SafePrintWriter(PrintWriter w, boolean progressLines) {
            // the error stream flushes every line, as before; the output stream stops on Ctrl-C (the error
            // stream must not: it says "cancelled" from the thread that was interrupted)
            super(progressLines ? new TerminalSafeWriter(w, true) : new CancellableWriter(new TerminalSafeWriter(w, false)), progressLines);
        }
    }

    public PrintWriter err() {
        return err;
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (java.io.IOException e) {
            err.println("warning: closing the store: " + e.getMessage());
        }
    }
}
