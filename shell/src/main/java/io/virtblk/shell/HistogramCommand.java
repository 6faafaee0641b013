package io.virtblk.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/** {@code histogram JOB [--dir D]}: a terminal plot of a job's latency distribution, log-scaled bins. */
final class HistogramCommand implements Command {

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
            throw new CommandException("histogram: no fio job '" + a.positional().getFirst() + "' loaded; see 'jobs'");
        }
        var out = session.out();
        for (var d : all) {
            out.println(d.title());
            out.println("  from " + d.source());
            TreeMap<Double, Long> bins = d.bins();
            if (bins.isEmpty() && d.printedPercentiles() != null) {
                // only percentiles: plot the share of I/Os between consecutive printed percentiles
                double prevP = 0;
                for (var e : d.printedPercentiles().entrySet()) {
                    double p = Double.parseDouble(e.getKey());
                    bins.merge(e.getValue(), (long) Math.round((p - prevP) * 100), Long::sum);
                    prevP = p;
                }
            }
            // log2 buckets of µs: 1, 2, 4, ... so microseconds and seconds fit one screen
            TreeMap<Integer, Long> log2 = new TreeMap<>();
            bins.forEach((us, n) -> log2.merge(us <= 1 ? 0 : (int) Math.ceil(Math.log(us) / Math.log(2)), n, Long::sum));
            long max = log2.values().stream().mapToLong(Long::longValue).max().orElse(1);
            long total = log2.values().stream().mapToLong(Long::longValue).sum();
            int bar = Math.max(10, Math.min(width, 200) - 34);
            log2.forEach((b, n) -> out.printf(Locale.ROOT, "  <= %-10s %6.2f%% %s%n", LatencyCommand.fmt(Math.pow(2, b)), 100.0 * n / total,
                    "#".repeat((int) Math.max(n > 0 ? 1 : 0, bar * n / max))));
        }
        if (JobPick.howToPick(all.stream().filter(d -> d.run() != null).map(Distributions.Distribution::run).toList()) instanceof String note) {
            out.println(note);
        }
        out.flush();
    }
}
