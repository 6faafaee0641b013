package io.virtblk.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code latency JOB [--dir read|write|trim] [--percentiles] [--json]}: a job's full latency distribution. */
final class LatencyCommand implements Command {

    static final double[] FINE = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999};

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String synopsis() {
        return "latency JOB [--dir read|write|trim] [--percentiles] [--json]";
    }

    @Override
    public String summary() {
        return "a fio job's completion-latency distribution (JSON+ bins, log samples or fio's percentiles)";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json", "--percentiles"), Set.of("--dir"));
        if (a.positional().size() != 1) {
            throw new UsageException("latency: name one job, e.g. latency virtblkiofio-00-read (see 'jobs')");
        }
        var all = Distributions.of(session, a.positional().getFirst(), a.option("--dir"));
        if (all.isEmpty()) {
            throw new CommandException("latency: no fio job '" + a.positional().getFirst() + "' loaded; see 'jobs'");
        }
        var out = session.out();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var d : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", d.job());
            m.put("dir", d.dir());
            m.put("source", d.source());
            m.put("ios", d.total());
            m.put("printed_percentiles_us", d.printedPercentiles());
            if (!d.bins().isEmpty()) {
                Map<String, Double> computed = new LinkedHashMap<>();
                for (double p : FINE) {
                    computed.put(String.format(Locale.ROOT, "%s", p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)), d.percentile(p));
                }
                m.put("percentiles_us", computed);
                m.put("bins", d.bins().size());
            }
            rows.add(m);
            if (!a.flag("--json")) {
                out.printf("%s %s — from %s%s%n", d.job(), d.dir(), d.source(), d.bins().isEmpty() ? "" : String.format(Locale.ROOT,
                        " (%,d I/Os in %d bins)", d.total(), d.bins().size()));
                if (d.printedPercentiles() != null) {
                    out.print("  printed:");
                    d.printedPercentiles().forEach((k, v) -> out.printf(Locale.ROOT, " p%s=%s", k, fmt(v)));
                    out.println();
                }
                if (!d.bins().isEmpty() && (a.flag("--percentiles") || d.printedPercentiles() == null)) {
                    out.print("  from the distribution:");
                    for (double p : FINE) {
                        out.printf(Locale.ROOT, " p%s=%s", p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p), fmt(d.percentile(p)));
                    }
                    out.println();
                }
            }
        }
        if (a.flag("--json")) {
            out.println(Json.write(rows));
        }
        out.flush();
    }

    static String fmt(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%.2fms", us / 1000) : String.format(Locale.ROOT, "%.2fus", us);
    }
}
