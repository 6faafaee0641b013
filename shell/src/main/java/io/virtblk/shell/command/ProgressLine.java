package io.virtblk.shell.command;

import io.virtblk.analyzer.store.SourceIndex;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of a load or a push at the prompt: one line redrawn in place on stderr with the
 * part done and the rate; only for work big enough to wait for.
 */
public final class ProgressLine implements SourceIndex.Progress, io.virtblk.cluster.client.Push.Progress {

    private static final long WORTH_SHOWING = 8L << 20;
    private static final int WIDTH = 30;

    private final String name;
    private final PrintWriter err;
    private final java.util.function.LongSupplier nanoTime;
    private final long start;
    private boolean drawn;
    private boolean cleared;

    public ProgressLine(String name, PrintWriter err) {
        this(name, err, System::nanoTime);
    }

    /** With a clock of one's own (tests). */
    public ProgressLine(String name, PrintWriter err, java.util.function.LongSupplier nanoTime) {
        this.name = name;
        this.err = err;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public void update(long bytesRead, long totalBytes, long events) {
        if (totalBytes < WORTH_SHOWING) {
            return;
        }
        double seconds = seconds();
        draw(bytesRead / (double) totalBytes, seconds, String.format(Locale.ROOT, "%.0f/%.0f MB  %.1f MB/s  %,.0f events/s",
                bytesRead / 1e6, totalBytes / 1e6, bytesRead / 1e6 / seconds, events / seconds));
    }

    /** A push: events written of all to write. */
    @Override
    public void update(long written, long total) {
        if (total < 20_000) {
            return;
        }
        double seconds = seconds();
        draw(written / (double) total, seconds, String.format(Locale.ROOT, "%,d/%,d events  %,.0f events/s", written, total, written / seconds));
    }

    private double seconds() {
        return Math.max(1e-3, (nanoTime.getAsLong() - start) / 1e9);
    }

    /** The bar, the detail, and once the rate has settled (2 s in) how long is left; cleared when done. */
    private void draw(double fraction, double seconds, String detail) {
        double f = Math.min(1.0, fraction);
        int done = (int) (WIDTH * f);
        String left = seconds >= 2 && f >= 0.01 && f < 1 ? "  ~" + duration(seconds * (1 - f) / f) + " left" : "";
        err.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%%  %s%s   ", name, "#".repeat(done), " ".repeat(WIDTH - done), 100.0 * f, detail, left);
        drawn = true;
        if (f >= 1) {
            clear();
        }
        err.flush();
    }

    /** Rubs the line out, if drawn: at the end, and when the work stops early (Ctrl-C, an error), so what follows starts a line. */
    public void clear() {
        if (drawn && !cleared) {
            err.print("\r" + " ".repeat(Math.min(160, name.length() + 120)) + "\r");
            err.flush();
            cleared = true;
        }
    }

    /** 45 s, 3 min 10 s. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    boolean drawn() {
        return drawn;
    }
}
