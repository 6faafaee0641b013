package io.virtblk.shell.fio;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.FioNumbers;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code latency JOB[@LINE] [--run N] [--source S] [--dir read|write|trim] [--percentiles] [--json]}:
 * a job's latency distribution, from the most exact source loaded ({@link Distributions}), saying
 * which, and no more than it knows: ranges from buckets, nothing above the last printed percentile,
 * and averaged log samples over time, never as I/Os.
 */
public final class LatencyCommand implements Command {

    static final double[] FINE = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999};

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String synopsis() {
        return "latency JOB[@LINE] [--run N] [--source S] [--dir read|write|trim] [--percentiles] [--json]";
    }

    @Override
    public String summary() {
        return "a fio job's completion-latency distribution, from the most exact source loaded, named";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json", "--percentiles"), Set.of("--dir", "--run", "--source"));
        if (a.positional().size() != 1) {
            throw new UsageException("latency: name one job, e.g. latency virtblkiofio-00-read, or one run of it as JOB@LINE (see 'jobs')");
        }
        var all = Distributions.of(session, JobPick.parse(name(), a, session));
        if (all.isEmpty()) {
            throw new CommandException("latency: no fio job '" + a.positional().getFirst() + "' loaded, nor a fio log of that name; see 'jobs'");
        }
        var out = session.out();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var d : all) {
            rows.add(json(d));
            if (!a.flag("--json")) {
                print(out, d, a.flag("--percentiles"));
            }
        }
        if (a.flag("--json")) {
            out.println(Json.write(rows));
        } else if (JobPick.howToPick(all.stream().filter(d -> d.run() != null).map(Distribution::run).toList()) instanceof String note) {
            out.println(note);
        }
        out.flush();
    }

    /** The ranks shown as ranges when only fio's buckets are known. */
    static final double[] COARSE = {50, 90, 99, 99.9, 99.99};

    private static void print(java.io.PrintWriter out, Distribution d, boolean fine) {
        out.println(d.title());
        boolean fio2 = d.run() != null && FioNumbers.fio2(d.run().row().fioVersion());
        FioNumbers.Unit printedUnit = d.printedPercentiles() == null ? null : FioNumbers.Unit.ofPercentiles(d.printedPercentiles().values(), fio2);
        switch (d.shape()) {
            case Distribution.Counted c -> out.printf(Locale.ROOT, "  from %s (%,d I/Os in %d bins)%n", d.source(), c.total(), c.bins().size());
            case Distribution.Bucketed b -> out.printf("  from %s: the share of I/Os per bucket, so a percentile is known only to its bucket%n", d.source());
            case Distribution.Printed p -> out.printf("  from %s%n", d.source());
            case null -> out.printf("  from %s%n", d.source());
        }
        if (d.printedPercentiles() != null) {
            out.print("  printed:");
            d.printedPercentiles().forEach((k, v) -> out.printf(Locale.ROOT, " p%s=%s", rank(Double.parseDouble(k)), FioNumbers.percentile(v, printedUnit)));
            out.println();
        }
        switch (d.shape()) {
            case Distribution.Counted c when fine || d.printedPercentiles() == null -> {
                FioNumbers.Unit unit = printedUnit != null ? printedUnit : FioNumbers.Unit.readable(c.bins().keySet());
                out.print("  from the distribution:");
                for (double p : FINE) {
                    out.printf(Locale.ROOT, " p%s=%s", rank(p), FioNumbers.percentile(c.percentile(p), unit));
                }
                out.println();
            }
            case Distribution.Bucketed b -> {
                out.print("  from the buckets:");
                for (double p : fine ? FINE : COARSE) {
                    Distribution.Bucket in = b.percentile(p);
                    out.printf(Locale.ROOT, " p%s in %s", rank(p), in == null ? "?" : range(in));
                }
                out.println();
            }
            case Distribution.Printed p -> {
                double top = p.top();
                out.printf(Locale.ROOT, "  above p%s (%s%% of I/Os) fio printed nothing: where they lie is not known%s%n", rank(top),
                        java.math.BigDecimal.valueOf(100).subtract(java.math.BigDecimal.valueOf(top)).stripTrailingZeros().toPlainString(), fine ? "; finer percentiles need JSON+ bins or a log of the job" : "");
            }
            case null, default -> { }
        }
        d.notes().forEach(n -> out.println("  note: " + n));
        d.averaged().forEach(x -> AveragedView.print(out, x, 0));
    }

    /** {@code 250us..500us}, {@code >=2000ms}: where a bucket starts and ends. */
    static String range(Distribution.Bucket b) {
        if (b.toUs() == null) {
            return ">=" + FioNumbers.bound(b.fromUs());
        }
        return (b.fromUs() == 0 ? "0" : FioNumbers.bound(b.fromUs())) + ".." + FioNumbers.bound(b.toUs());
    }

    private static Map<String, Object> json(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", d.job());
        m.put("dir", d.dir());
        m.put("source", d.source());
        m.put("basis", d.basis().json);
        if (d.run() != null) {
            var r = d.run().row();
            m.put("file", r.source());
            m.put("line", r.line());
            m.put("run", r.run());
            m.put("start_time", r.startTime() == null ? null : r.startTime().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        }
        m.put("ios", d.ios());
        m.put("printed_percentiles_us", d.printedPercentiles());
        switch (d.shape()) {
            case Distribution.Counted c -> {
                Map<String, Double> computed = new LinkedHashMap<>();
                for (double p : FINE) {
                    computed.put(rank(p), c.percentile(p));
                }
                m.put("percentiles_us", computed);
                m.put("bins", c.bins().size());
            }
            case Distribution.Bucketed b -> {
                m.put("buckets", b.buckets().stream().map(x -> {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("from_us", x.fromUs());
                    one.put("to_us", x.toUs());
                    one.put("percent", x.percent());
                    return one;
                }).toList());
                Map<String, List<Double>> ranges = new LinkedHashMap<>();
                for (double p : FINE) {
                    Distribution.Bucket in = b.percentile(p);
                    if (in != null) {
                        ranges.put(rank(p), java.util.Arrays.asList(in.fromUs(), in.toUs()));
                    }
                }
                m.put("percentile_ranges_us", ranges);
            }
            case Distribution.Printed p -> m.put("unknown_above", rank(p.top()));
            case null -> { }
        }
        m.put("averaged_logs", d.averaged().stream().map(AveragedView::json).toList());
        m.put("notes", d.notes());
        return m;
    }

    /** 99 for 99.00, 99.9 for 99.90: a percentile's rank as people say it. */
    static String rank(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : new java.math.BigDecimal(Double.toString(p)).stripTrailingZeros().toPlainString();
    }

    static String fmt(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2fms", us / 1000) : String.format(Locale.ROOT, "%.2fus", us);
    }
}
