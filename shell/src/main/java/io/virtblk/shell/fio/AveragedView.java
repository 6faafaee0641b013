package io.virtblk.shell.fio;

import io.virtblk.shell.command.FioNumbers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A log of averaged windows as text: what it is, why its samples are not I/Os, and the averages over time. */
final class AveragedView {

    /** Rows of the averages over time: a log of more than twice as many samples is shown in this many slices of equal time. */
    static final int ROWS = 24;

    private AveragedView() {
    }

    /** The summary, the reason and the averages; with {@code barWidth} above 0 each row gets a bar of its mean. */
    static void print(PrintWriter out, AveragedLog a, int barWidth) {
        out.println("  " + a.summary());
        out.println("    (" + a.because() + ")");
        out.println("    " + AveragedLog.WHY_NOT + "; the " + a.value() + "s over time (" + a.dir() + "):");
        // a short log is shown sample by sample; a long one in slices
        List<AveragedLog.Slice> slices = a.overTime(a.points().size() <= 2 * ROWS ? 2 * ROWS : ROWS);
        FioNumbers.Unit unit = FioNumbers.Unit.readable(slices.stream().map(AveragedLog.Slice::meanUs).toList());
        double top = slices.stream().mapToDouble(AveragedLog.Slice::meanUs).max().orElse(1);
        int timeWidth = slices.stream().mapToInt(s -> AveragedLog.time(s).length()).max().orElse(4);
        for (AveragedLog.Slice s : slices) {
            String values = s.samples() == 1 ? FioNumbers.latency(s.meanUs(), unit)
                    : "mean " + FioNumbers.latency(s.meanUs(), unit) + "  highest " + FioNumbers.latency(s.highestUs(), unit)
                    + "  (" + s.samples() + " samples)";
            String bar = barWidth > 0 ? "  " + "#".repeat((int) Math.max(1, Math.round(barWidth * s.meanUs() / top))) : "";
            out.printf("      %-" + timeWidth + "s  %s%s%n", AveragedLog.time(s), values, bar);
        }
    }

    /** The log for {@code --json}: every sample whole, not the slices. */
    static Map<String, Object> json(AveragedLog a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("log", a.log());
        m.put("kind", a.kind());
        m.put("file", a.file());
        m.put("dir", a.dir());
        m.put("samples", a.samples());
        m.put("interval_ms", a.intervalMs());
        m.put("regular", a.regular());
        m.put("value", a.value());
        m.put("evidence", a.evidence());
        m.put("inferred", a.inferred());
        m.put("why_no_percentiles", AveragedLog.WHY_NOT);
        String key = a.value().equals("mean") ? "avg_us" : "max_us";
        m.put("over_time", a.points().stream().map(p -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("time_ms", p.timeMs());
            x.put("dir", p.dir());
            x.put(key, p.us());
            return x;
        }).toList());
        return m;
    }
}
