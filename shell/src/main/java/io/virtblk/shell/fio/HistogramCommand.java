package io.virtblk.shell.fio;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.FioNumbers;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code histogram JOB[@LINE] [--run N] [--source S] [--dir D] [--width N]}: a terminal plot of a
 * job's latency distribution in the shape its source has: log2 bins of counted I/Os, fio's own
 * buckets, the ranges between printed percentiles, or averaged log samples over time.
 */
public final class HistogramCommand implements Command {

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String synopsis() {
        return "histogram JOB[@LINE] [--run N] [--source S] [--dir read|write|trim] [--width N]";
    }

    @Override
    public String summary() {
        return "a terminal plot of a fio job's latency distribution";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of("--dir", "--width", "--run", "--source"));
        if (a.positional().size() != 1) {
            throw new UsageException("histogram: name one job, e.g. histogram virtblkiofio-00-read, or one run of it as JOB@LINE (see 'jobs')");
        }
        int width = a.intOption(name(), "--width", session.width());
        var all = Distributions.of(session, JobPick.parse(name(), a, session));
        if (all.isEmpty()) {
            throw new CommandException("histogram: no fio job '" + a.positional().getFirst() + "' loaded, nor a fio log of that name; see 'jobs'");
        }
        var out = session.out();
        int bar = Math.max(10, Math.min(width, 200) - 34);
        for (var d : all) {
            out.println(d.title());
            switch (d.shape()) {
                case Distribution.Counted c -> {
                    out.printf(Locale.ROOT, "  from %s (%,d I/Os)%n", d.source(), c.total());
                    log2(out, c, bar);
                }
                case Distribution.Bucketed b -> {
                    out.println("  from " + d.source() + ": the share of I/Os per bucket, as fio counted them");
                    List<String> labels = b.buckets().stream().map(HistogramCommand::label).toList();
                    double top = b.buckets().stream().mapToDouble(Distribution.Bucket::percent).max().orElse(1);
                    int w = labels.stream().mapToInt(String::length).max().orElse(10);
                    for (int i = 0; i < labels.size(); i++) {
                        double pct = b.buckets().get(i).percent();
                        out.printf(Locale.ROOT, "  %" + w + "s %7.2f%% %s%n", labels.get(i), pct, bar(bar, pct, top));
                    }
                }
                case Distribution.Printed p -> {
                    out.println("  from " + d.source() + ": the share of I/Os between one printed percentile and the next");
                    ladder(out, p, d, bar);
                }
                case null -> out.println("  from " + d.source());
            }
            d.notes().forEach(n -> out.println("  note: " + n));
            d.averaged().forEach(x -> AveragedView.print(out, x, Math.max(10, bar - 40)));
        }
        if (JobPick.howToPick(all.stream().filter(d -> d.run() != null).map(Distribution::run).toList()) instanceof String note) {
            out.println(note);
        }
        out.flush();
    }

    /** Every I/O counted: log2 buckets of µs (1, 2, 4, ...) so microseconds and seconds fit one screen. */
    private static void log2(java.io.PrintWriter out, Distribution.Counted c, int bar) {
        TreeMap<Integer, Long> log2 = new TreeMap<>();
        c.bins().forEach((us, n) -> log2.merge(us <= 1 ? 0 : (int) Math.ceil(Math.log(us) / Math.log(2)), n, Long::sum));
        long max = log2.values().stream().mapToLong(Long::longValue).max().orElse(1);
        long total = log2.values().stream().mapToLong(Long::longValue).sum();
        log2.forEach((b, n) -> out.printf(Locale.ROOT, "  <= %-10s %6.2f%% %s%n", LatencyCommand.fmt(Math.pow(2, b)), 100.0 * n / total,
                "#".repeat((int) Math.max(n > 0 ? 1 : 0, bar * n / max))));
    }

    /**
     * Only percentiles: between two printed percentiles lie the I/Os of the ranks between them;
     * above the last, the rest, of which fio said nothing: no bar is drawn where nothing is known.
     */
    private static void ladder(java.io.PrintWriter out, Distribution.Printed p, Distribution d, int bar) {
        boolean fio2 = d.run() != null && FioNumbers.fio2(d.run().row().fioVersion());
        FioNumbers.Unit unit = FioNumbers.Unit.ofPercentiles(p.percentiles().values(), fio2);
        List<String> labels = new java.util.ArrayList<>();
        List<Double> shares = new java.util.ArrayList<>();
        double prevRank = 0;
        Double prevValue = null;
        TreeMap<Double, Double> byRank = new TreeMap<>();
        p.percentiles().forEach((k, v) -> byRank.put(Double.parseDouble(k), v));
        for (var e : byRank.entrySet()) {
            double rank = e.getKey();
            double value = e.getValue();
            if (prevValue != null && value == prevValue) {
                shares.set(shares.size() - 1, shares.getLast() + rank - prevRank); // ranks printed at one value share its range
            } else {
                labels.add(prevValue == null ? "<= " + FioNumbers.percentile(value, unit)
                        : FioNumbers.percentile(prevValue, unit) + " .. " + FioNumbers.percentile(value, unit));
                shares.add(rank - prevRank);
            }
            prevRank = rank;
            prevValue = value;
        }
        double top = shares.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        String above = prevValue == null ? null : "> " + FioNumbers.percentile(prevValue, unit);
        int w = java.util.stream.Stream.concat(labels.stream(), java.util.stream.Stream.ofNullable(above)).mapToInt(String::length).max().orElse(10);
        for (int i = 0; i < labels.size(); i++) {
            out.printf(Locale.ROOT, "  %" + w + "s %7.2f%% %s%n", labels.get(i), shares.get(i), bar(bar, shares.get(i), top));
        }
        if (above != null && prevRank < 100) {
            out.printf(Locale.ROOT, "  %" + w + "s %7.2f%% not printed: fio printed no percentile above p%s, so where these lie is not known%n",
                    above, 100 - prevRank, LatencyCommand.rank(prevRank));
        }
    }

    /** {@code 250us .. 500us}, {@code < 2ns}, {@code >= 2000ms}. */
    private static String label(Distribution.Bucket b) {
        if (b.toUs() == null) {
            return ">= " + FioNumbers.bound(b.fromUs());
        }
        return b.fromUs() == 0 ? "< " + FioNumbers.bound(b.toUs()) : FioNumbers.bound(b.fromUs()) + " .. " + FioNumbers.bound(b.toUs());
    }

    private static String bar(int width, double value, double top) {
        return value <= 0 ? "" : "#".repeat((int) Math.max(1, Math.round(width * value / top)));
    }
}
