package io.virtblk.grammar.fio;

import io.virtblk.event.FioEvent;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fio's log files, one sample a line: {@code time (ms), value, direction, block size[, offset[,
 * priority]]}. The file name says what is logged ({@code NAME_clat.1.log}). A sample is an
 * event, so tens of millions of them stream into the store like kernel lines; a bad row is a
 * diagnostic with its column and the rest loads. Histogram logs ({@code NAME_clat_hist.1.log}:
 * {@code time, direction, block size, bucket counts...}) give one {@link FioEvent.Histogram} a line.
 */
public final class FioLogReader {

    private static final Pattern FILE = Pattern.compile("(.*?)_(lat|clat|slat|bw|iops|clat_hist)(?:\\.\\d+)?\\.log(?:\\.gz)?$");
    /** More columns than a sample line ever has: a histogram line. */
    private static final int SAMPLE_COLUMNS = 6;

    private final String source;
    private final EventSink sink;
    private final String log;
    private final String kind;

    public FioLogReader(String source, String fileName, EventSink sink) {
        this.source = source;
        this.sink = sink;
        Matcher m = FILE.matcher(fileName);
        this.log = m.matches() ? m.group(1) : fileName;
        this.kind = m.matches() ? m.group(2) : "unknown";
    }

    public void line(Line line) {
        String text = line.text();
        if (text.isBlank()) {
            sink.structural(line.number());
            return;
        }
        Origin at = Origin.of(source, line.number());
        String[] cols = text.split(",");
        if (cols.length > SAMPLE_COLUMNS) {
            histogram(line, at, cols);
            return;
        }
        if (cols.length < 4) {
            bad(line, 1, "expected 4 to 6 comma-separated columns (time, value, direction, block size[, offset[, priority]]), found "
                    + cols.length);
            return;
        }
        long[] v = numbers(line, cols);
        if (v == null || !direction(line, v, 2, "")) {
            return;
        }
        sink.event(new FioEvent.Sample(at, text, log, kind, v[0], v[1], (int) v[2], v[3], cols.length > 4 ? v[4] : null,
                cols.length > 5 ? (int) v[5] : null), 1);
    }

    private void histogram(Line line, Origin at, String[] cols) {
        FioHistogram layout = FioHistogram.forColumns(cols.length - 3);
        if (layout == null) {
            bad(line, 1, "expected 4 to 6 comma-separated columns (time, value, direction, block size[, offset[, priority]]), or a "
                    + "histogram line of time, direction, block size and " + FioHistogram.expected() + "; found " + cols.length + " columns");
            return;
        }
        long[] v = numbers(line, cols);
        if (v == null || !direction(line, v, 1, " of a histogram line")) {
            return;
        }
        long[] counts = java.util.Arrays.copyOfRange(v, 3, v.length);
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            // a negative count or a sum past 2^63 would send the percentile walk past the last bucket
            if (counts[i] < 0 || total + counts[i] < 0) {
                bad(line, columnOf(cols, i + 3), "expected a count of I/Os (0 or more, all of a line's together under 2^63) in column "
                        + (i + 4) + " of a histogram line, found " + counts[i]);
                return;
            }
            total += counts[i];
        }
        sink.event(new FioEvent.Histogram(at, line.text(), log, kind, v[0], (int) v[1], v[2], total, layout.percentiles(counts, total),
                layout.max(counts)), 1);
    }

    /** True when column {@code i} is a direction; else false after a diagnostic. */
    private boolean direction(Line line, long[] v, int i, String where) {
        if (v[i] >= 0 && v[i] <= 2) {
            return true;
        }
        bad(line, 1, "expected direction 0 (read), 1 (write) or 2 (trim) in column " + (i + 1) + where + ", found " + v[i]);
        return false;
    }

    /** Every column as a whole number, or null after a diagnostic naming the first that is not. */
    private long[] numbers(Line line, String[] cols) {
        long[] v = new long[cols.length];
        for (int i = 0; i < cols.length; i++) {
            try {
                v[i] = Long.parseLong(cols[i].strip());
            } catch (NumberFormatException e) {
                bad(line, columnOf(cols, i), "expected a whole number in column " + (i + 1) + ", found " + Diagnostic.quote(cols[i].strip()));
                return null;
            }
        }
        return v;
    }

    /** The 1-based character column where column {@code i}'s value starts. */
    private static int columnOf(String[] cols, int i) {
        int column = 1;
        for (int k = 0; k < i; k++) {
            column += cols[k].length() + 1;
        }
        return column + cols[i].length() - cols[i].stripLeading().length();
    }

    private void bad(Line line, int column, String message) {
        sink.diagnostic(new Diagnostic(source, line.number(), column, message));
        sink.event(new RawLine(Origin.of(source, line.number()), line.text(), "fio log"), 1);
    }
}
