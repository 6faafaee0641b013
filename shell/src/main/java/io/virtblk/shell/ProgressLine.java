package io.virtblk.shell;

import io.virtblk.analyzer.store.SourceIndex;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of a load or a push at the prompt: one line redrawn in place on stderr with the
 * part done and the rate; only for work big enough to wait for.
 */
final class ProgressLine implements SourceIndex.Progress, io.virtblk.analyzer.cluster.Push.Progress {

    private static final long WORTH_SHOWING = 8L << 20;

    private final String name;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private boolean drawn;

    ProgressLine(String name, PrintWriter err) {
        this.name = name;
        this.err = err;
    }

    @Override
    public void update(long bytesRead, long totalBytes, long events) {
        if (totalBytes < WORTH_SHOWING) {
            return;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        int width = 30;
        int done = (int) (width * Math.min(1.0, bytesRead / (double) totalBytes));
        err.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%%  %.0f/%.0f MB  %.1f MB/s  %,.0f events/s   ", name, "#".repeat(done), " ".repeat(width - done),
                100.0 * bytesRead / totalBytes, bytesRead / 1e6, totalBytes / 1e6, bytesRead / 1e6 / seconds, events / seconds);
        drawn = true;
        if (bytesRead >= totalBytes) {
            err.print("\r" + " ".repeat(Math.min(160, name.length() + 100)) + "\r");
        }
        err.flush();
    }

    /** A push: events written of all to write. */
    @Override
    public void update(long written, long total) {
        if (total < 20_000) {
            return;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        int width = 30;
        int done = (int) (width * Math.min(1.0, written / (double) total));
        err.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%%  %,d/%,d events  %,.0f events/s   ", name, "#".repeat(done), " ".repeat(width - done),
                100.0 * written / total, written, total, written / seconds);
        drawn = true;
        if (written >= total) {
            err.print("\r" + " ".repeat(Math.min(160, name.length() + 100)) + "\r");
        }
        err.flush();
    }

    boolean drawn() {
        return drawn;
    }
}
