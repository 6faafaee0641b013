package io.virtblk.shell;

import io.virtblk.analyzer.Workspace;
import io.virtblk.load.SourceLoader;
import java.io.PrintWriter;

/** What commands share: the loaded sources, the loader and where output goes. */
public final class Session {

    private final Workspace workspace = new Workspace();
    private final SourceLoader loader = new SourceLoader();
    private final PrintWriter out;
    private final PrintWriter err;

    public Session(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public Workspace workspace() {
        return workspace;
    }

    public SourceLoader loader() {
        return loader;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
