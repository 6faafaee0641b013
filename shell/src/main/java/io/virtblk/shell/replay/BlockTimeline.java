package io.virtblk.shell.replay;

import io.virtblk.event.BlockRequest;
import io.virtblk.replay.block.DeviceDiagnosis;
import io.virtblk.replay.block.HungTask;
import io.virtblk.replay.block.InFlight;
import io.virtblk.replay.block.Stall;
import java.util.List;
import java.util.Locale;

/**
 * A block device over time, as {@code timeline} draws it: requests in flight and completions per
 * column, the stall window and the hung-task reports beneath, on the trace's own clock.
 *
 * <pre>
 * device 7:0 STALLED  1085.364779 .. 1115.380161  30.0 s, 0.43 s a column
 *   in flight  |3444444444444444444444444444444444444444444444444444434|  most 4
 *   completed  |#####                                                 #####|  most 1,840 a column
 *   stall      |    [=================================================]     |  1087.06 .. 1109.43, 4 stuck
 *   hung       |                 H           H            H                |  fio:6339, fio:6340
 * </pre>
 * In-flight is the most at any moment of the column, as a digit (+ above 9); completions are
 * drawn in five heights, so a column with none stands out beside its neighbours.
 */
final class BlockTimeline {

    private static final String HEIGHTS = " .:-=#";
    /** What a row keeps after its bar for what it says ("|  most 2,352 a column"); longer is cut. */
    private static final int SUFFIX = 30;

    private BlockTimeline() {
    }

    static String render(DeviceDiagnosis d, List<BlockRequest> rs, int width) {
        double start = d.first();
        double end = Math.max(d.last(), start + 1e-6);
        double span = end - start;
        int label = "  in flight  |".length();
        int total = Math.min(width, 240);
        int bar = Math.max(10, total - label - SUFFIX);
        double column = span / bar;
        int[] inFlight = new int[bar];
        int[] done = new int[bar];
        // the most in flight in each column: every issue and completion, in time order
        double[] issues = InFlight.issued(rs);
        double[] completions = InFlight.completed(rs);
        int i = 0;
        int j = 0;
        int now = 0;
        int lastCol = 0;
        while (i < issues.length || j < completions.length) {
            boolean issue = j >= completions.length || i < issues.length && issues[i] < completions[j];
            double t = issue ? issues[i++] : completions[j++];
            int c = col(t, start, span, bar);
            for (int k = lastCol + 1; k < c; k++) {
                inFlight[k] = Math.max(inFlight[k], now); // what stayed in flight through columns without events
            }
            now += issue ? 1 : -1;
            inFlight[c] = Math.max(inFlight[c], now);
            lastCol = c;
        }
        for (BlockRequest r : rs) {
            if (r.completed() != null) {
                done[col(r.completed(), start, span, bar)]++;
            }
        }
        int mostDone = 0;
        int mostIn = 0;
        for (int k = 0; k < bar; k++) {
            mostDone = Math.max(mostDone, done[k]);
            mostIn = Math.max(mostIn, inFlight[k]);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "device %s %s  %.6f .. %.6f  %.1f s, %s a column%n", d.device(), d.verdict().word().toUpperCase(Locale.ROOT),
                start, end, span, seconds(column)));
        char[] row = new char[bar];
        for (int k = 0; k < bar; k++) {
            row[k] = inFlight[k] == 0 ? ' ' : inFlight[k] > 9 ? '+' : (char) ('0' + inFlight[k]);
        }
        row(sb, "in flight", row, String.format(Locale.ROOT, "most %,d", mostIn));
        for (int k = 0; k < bar; k++) {
            row[k] = done[k] == 0 ? ' ' : HEIGHTS.charAt(Math.max(1, (int) Math.ceil(done[k] * (HEIGHTS.length() - 1.0) / mostDone)));
        }
        row(sb, "completed", row, String.format(Locale.ROOT, "most %,d a column", mostDone));
        for (Stall s : d.stalls()) {
            java.util.Arrays.fill(row, ' ');
            int from = col(s.start(), start, span, bar);
            int to = s.end() == null ? bar - 1 : col(s.end(), start, span, bar);
            for (int k = from; k <= to; k++) {
                row[k] = '=';
            }
            row[from] = '[';
            row[to] = s.end() == null ? '>' : ']';
            row(sb, "stall", row, String.format(Locale.ROOT, "%.2f .. %s, %d stuck", s.start(),
                    s.end() == null ? "trace end" : String.format(Locale.ROOT, "%.2f", s.end()), s.inFlight()));
        }
        List<HungTask> hung = d.stall() != null ? d.stall().hungTasks() : d.hungTasks();
        if (!hung.isEmpty()) {
            java.util.Arrays.fill(row, ' ');
            for (HungTask h : hung) {
                row[col(h.time(), start, span, bar)] = 'H';
            }
            row(sb, "hung", row, String.join(", ", hung.stream().map(h -> h.comm() + ":" + h.pid()).toList()));
        }
        return sb.toString();
    }

    /** "  NAME       |BAR|  SAYS", what it says cut to fit {@link #SUFFIX} so that no row wraps. */
    private static void row(StringBuilder sb, String name, char[] bar, String says) {
        int room = SUFFIX - 3;
        String text = says.length() <= room ? says : says.substring(0, room - 3) + "...";
        sb.append(String.format(Locale.ROOT, "  %-10s |%s|  %s%n", name, new String(bar), text));
    }

    static String legend() {
        return "legend: in flight = most requests at the device in the column (+ above 9); completed: . : - = # by count; "
                + "[===] a stall (> still stalled when the trace ended); H the kernel reported a task hung\n";
    }

    private static int col(double t, double start, double span, int bar) {
        return Math.max(0, Math.min(bar - 1, (int) ((t - start) / span * bar)));
    }

    private static String seconds(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "%.2f s", s) : s >= 1e-3 ? String.format(Locale.ROOT, "%.1f ms", s * 1e3)
                : String.format(Locale.ROOT, "%.0f µs", s * 1e6);
    }
}
