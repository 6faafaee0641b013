package io.virtblk.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code latency JOB[@LINE] [--run N] [--source S] [--dir read|write|trim] [--percentiles] [--json]}: a job's full latency distribution. */
final class LatencyCommand implements Command {

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
        return "a fio job's completion-latency distribution (JSON+ bins, log samples or fio's percentiles)";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json", "--percentiles"), Set.of("--dir", "--run", "--source"));
        if (a.positional().size() != 1) {
            throw new UsageException("latency: name one job, e.g. latency virtblkiofio-00-read, or one run of it as JOB@LINE (see 'jobs')");
        }
        var all = Distributions.of(session, JobPick.parse(name(), a, session));
        if (all.isEmpty()) {
            throw new CommandException("latency: no fio job '" + a.positional().getFirst() + "' loaded; see 'jobs'");
        }
        var out = session.out();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var d : all) {
            rows.add(json(d));
            if (!a.flag("--json")) {
                out.println(d.title());
                out.printf("  from %s%s%n", d.source(), d.bins().isEmpty() ? "" : String.format(Locale.ROOT, " (%,d I/Os in %d bins)", d.total(),
                        d.bins().size()));
                FioNumbers.Unit unit = FioNumbers.Unit.ofPercentiles(d.printedPercentiles() != null ? d.printedPercentiles().values()
                        : d.bins().keySet(), d.run() != null && FioNumbers.fio2(d.run().row().fioVersion()));
                if (d.printedPercentiles() != null) {
                    out.print("  printed:");
                    d.printedPercentiles().forEach((k, v) -> out.printf(Locale.ROOT, " p%s=%s", rank(Double.parseDouble(k)), FioNumbers.percentile(v, unit)));
                    out.println();
                }
                if (!d.bins().isEmpty() && (a.flag("--percentiles") || d.printedPercentiles() == null)) {
                    out.print("  from the distribution:");
                    for (double p : FINE) {
                        out.printf(Locale.ROOT, " p%s=%s", rank(p), FioNumbers.percentile(d.percentile(p), unit));
                    }
                    out.println();
                }
            }
        }
        if (a.flag("--json")) {
            out.println(Json.write(rows));
        } else if (JobPick.howToPick(all.stream().filter(d -> d.run() != null).map(Distributions.Distribution::run).toList()) instanceof String note) {
            out.println(note);
        }
        out.flush();
    }

    private static Map<String, Object> json(Distributions.Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", d.job());
        m.put("dir", d.dir());
        m.put("source", d.source());
        if (d.run() != null) {
            var r = d.run().row();
            m.put("file", r.source());
            m.put("line", r.line());
            m.put("run", r.run());
            m.put("start_time", r.startTime() == null ? null : r.startTime().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        }
        m.put("ios", d.total());
        m.put("printed_percentiles_us", d.printedPercentiles());
        if (!d.bins().isEmpty()) {
            Map<String, Double> computed = new LinkedHashMap<>();
            for (double p : FINE) {
                computed.put(rank(p), d.percentile(p));
            }
            m.put("percentiles_us", computed);
            m.put("bins", d.bins().size());
        }
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
