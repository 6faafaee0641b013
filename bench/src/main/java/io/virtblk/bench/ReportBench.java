package io.virtblk.bench;

import io.virtblk.analyzer.store.EventStore;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.load.SourceLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What recognising kernel reports costs a load: the same file loaded again and again in one JVM,
 * alternately with the shipped report kinds and with every kind disabled (the scanner still runs,
 * but no line starts a report), into an empty cache each time; the first two rounds warm the JIT
 * and are not counted. Also the parse alone, single-threaded (thread CPU time, best of N). On a
 * shared machine the spread is wide: the medians and the best of each are printed, and the median
 * of each round's ratio (its two loads ran back to back, so the ratio leaves out how fast the
 * machine ran in that round).
 *
 * <pre>java -cp bench/target/virtblk-bench.jar io.virtblk.bench.ReportBench FILE [ROUNDS]</pre>
 */
public final class ReportBench {

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "bench/target/kern-1m.log");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        ReportRules on = ReportRules.builtIn();
        Path off = Files.createTempFile("no-report-kinds", ".json");
        StringBuilder json = new StringBuilder("{\"kinds\": [");
        for (int i = 0; i < on.kinds().size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"").append(on.kinds().get(i).id()).append("\", \"disabled\": true}");
        }
        Files.writeString(off, json.append("]}").toString());
        ReportRules none = ReportRules.of(List.of(off));
        Files.delete(off);

        List<Long> loadOn = new ArrayList<>();
        List<Long> loadOff = new ArrayList<>();
        // the whole process's CPU time per load too: the work done, which waits on nothing
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Long> cpuOn = new ArrayList<>();
        List<Long> cpuOff = new ArrayList<>();
        long reports = 0;
        for (int i = 0; i < rounds + 2; i++) {
            for (int k = 0; k < 2; k++) {
                boolean withReports = (i + k) % 2 == 0;
                Path cache = Files.createTempDirectory("virtblk-report-bench");
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long ms;
                long cpu;
                try (EventStore store = new EventStore(cache, new SourceLoader(null, withReports ? on : none))) {
                    store.load(file.toString());
                    ms = (System.nanoTime() - t0) / 1_000_000; // the load, not the count that checks it
                    cpu = (os.getProcessCpuTime() - c0) / 1_000_000;
                    if (withReports) {
                        reports = store.count("type:report");
                    }
                }
                delete(cache);
                if (i >= 2) {
                    (withReports ? loadOn : loadOff).add(ms);
                    (withReports ? cpuOn : cpuOff).add(cpu);
                }
            }
        }
        // each round's two loads ran back to back: their ratio leaves out how fast the machine ran in that round,
        // which on a shared VM moves more between rounds than reports cost within one
        double[] ratios = ratios(loadOn, loadOff);
        double[] cpuRatios = ratios(cpuOn, cpuOff);
        var mx = ManagementFactory.getThreadMXBean();
        long parseOn = Long.MAX_VALUE;
        long parseOff = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            for (ReportRules r : List.of(on, none)) {
                long c0 = mx.getCurrentThreadCpuTime();
                new SourceLoader(null, r).stream(SourceLoader.Spec.parse(file.toString()), (java.util.function.Consumer<io.virtblk.event.Event>) e -> { });
                long ms = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
                if (r == on) {
                    parseOn = Math.min(parseOn, ms);
                } else {
                    parseOff = Math.min(parseOff, ms);
                }
            }
        }
        System.out.printf("%s: %,d kernel reports%n", file, reports);
        System.out.printf("load, reports recognised: median %d ms, best %d ms  %s%n", median(loadOn), Collections.min(loadOn), loadOn);
        System.out.printf("load, no report kinds:    median %d ms, best %d ms  %s%n", median(loadOff), Collections.min(loadOff), loadOff);
        System.out.printf("report recognition adds: %+.1f %% (medians), %+.1f %% (best)%n", 100.0 * (median(loadOn) - median(loadOff)) / median(loadOff),
                100.0 * (Collections.min(loadOn) - Collections.min(loadOff)) / Collections.min(loadOff));
        System.out.printf("report recognition adds: %+.1f %% (median of per-round ratios; range %+.1f .. %+.1f %%; target <= 10 %%)%n",
                100 * (ratios[ratios.length / 2] - 1), 100 * (ratios[0] - 1), 100 * (ratios[ratios.length - 1] - 1));
        System.out.printf("process CPU per load: median %d ms with report kinds, %d ms without; adds %+.1f %% (median of per-round ratios; range %+.1f .. %+.1f %%)%n",
                median(cpuOn), median(cpuOff), 100 * (cpuRatios[cpuRatios.length / 2] - 1), 100 * (cpuRatios[0] - 1),
                100 * (cpuRatios[cpuRatios.length - 1] - 1));
        System.out.printf("parse alone (thread CPU, best of %d): %d ms with report kinds, %d ms without%n", rounds, parseOn, parseOff);
    }

    /** Each round's ratio of its two loads, sorted. */
    private static double[] ratios(List<Long> on, List<Long> off) {
        double[] r = new double[on.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (double) on.get(i) / off.get(i);
        }
        java.util.Arrays.sort(r);
        return r;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
