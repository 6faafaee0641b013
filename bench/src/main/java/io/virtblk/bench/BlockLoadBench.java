package io.virtblk.bench;

import io.virtblk.analyzer.store.EventStore;
import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.load.SourceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What loading a block trace costs (issue 16): a 1,000,000-line ftrace file of the block
 * tracepoints against the 1,000,000-line kern.log of the same build, each loaded into an empty
 * cache as {@code load} does, and the ftrace file again without pairing its events into requests.
 * The three alternate round by round in one JVM, so that a noisy machine slows them alike; the
 * first round warms the JIT and is not counted. Targets: the trace's lines per second at least
 * the kern.log's; pairing adds at most 20 %.
 *
 * <pre>java -cp bench/target/virtblk-bench.jar io.virtblk.bench.BlockLoadBench KERN.LOG FTRACE.TXT [ROUNDS]</pre>
 */
public final class BlockLoadBench {

    private BlockLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path kern = Path.of(args[0]);
        Path trace = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<double[]> times = new ArrayList<>(); // per round: kern, trace paired, trace unpaired (seconds)
        List<double[]> cpus = new ArrayList<>(); // the same loads' process CPU (seconds): the work, which a busy neighbour slows less
        int[] lines = new int[3];
        long[] events = new long[3];
        for (int round = 0; round <= rounds; round++) {
            double[] t = new double[3];
            double[] c = new double[3];
            t[0] = load(kern, new SourceLoader(), lines, events, 0, c);
            t[1] = load(trace, new SourceLoader(), lines, events, 1, c);
            t[2] = load(trace, new SourceLoader().withoutBlockRequests(), lines, events, 2, c);
            System.out.printf(Locale.ROOT, "round %d%s: kern.log %.2f s, ftrace %.2f s, ftrace unpaired %.2f s (CPU %.2f / %.2f / %.2f s)%n", round,
                    round == 0 ? " (warm-up, not counted)" : "", t[0], t[1], t[2], c[0], c[1], c[2]);
            if (round > 0) {
                times.add(t);
                cpus.add(c);
            }
        }
        double kernS = median(times, 0);
        double pairedS = median(times, 1);
        double unpairedS = median(times, 2);
        System.out.printf(Locale.ROOT, "kern.log:        %,d lines, %,d events, median %.2f s, %,.0f lines/s%n", lines[0], events[0], kernS, lines[0] / kernS);
        System.out.printf(Locale.ROOT, "ftrace:          %,d lines, %,d events, median %.2f s, %,.0f lines/s (%.2f x the kern.log rate; target >= 1)%n",
                lines[1], events[1], pairedS, lines[1] / pairedS, (lines[1] / pairedS) / (lines[0] / kernS));
        System.out.printf(Locale.ROOT, "ftrace unpaired: %,d lines, %,d events, median %.2f s, %,.0f lines/s%n", lines[2], events[2], unpairedS,
                lines[2] / unpairedS);
        // the ratio of round-by-round pairs, not of medians: each round's loads ran side by side.
        // A round's pairing is the paired trace over the unpaired; its rate the trace's lines per
        // second over the kern.log's. Both of the wall times, then of the CPU times
        java.util.function.ToDoubleFunction<double[]> pairing = r -> r[1] / r[2];
        java.util.function.ToDoubleFunction<double[]> rate = r -> r[0] / r[1] * lines[1] / lines[0];
        double[] ratios = perRound(times, pairing);
        System.out.printf(Locale.ROOT, "pairing adds %+.1f %% (median of per-round ratios; range %+.1f .. %+.1f %%; target <= 20 %%)%n",
                (ratios[ratios.length / 2] - 1) * 100, (ratios[0] - 1) * 100, (ratios[ratios.length - 1] - 1) * 100);
        double[] rates = perRound(times, rate);
        System.out.printf(Locale.ROOT, "ftrace rate against kern.log: %.2f x (median of per-round ratios; range %.2f .. %.2f)%n",
                rates[rates.length / 2], rates[0], rates[rates.length - 1]);
        double[] cpuRates = perRound(cpus, rate);
        double[] cpuPairing = perRound(cpus, pairing);
        System.out.printf(Locale.ROOT, "process CPU per load: kern.log %.2f s, ftrace %.2f s, unpaired %.2f s (medians); per round, lines per CPU second "
                        + "%.2f x the kern.log's, pairing %+.1f %% (medians of per-round ratios)%n",
                median(cpus, 0), median(cpus, 1), median(cpus, 2), cpuRates[cpuRates.length / 2], (cpuPairing[cpuPairing.length / 2] - 1) * 100);
    }

    /** Each round's ratio, sorted: its middle is the median, its ends the range. */
    private static double[] perRound(List<double[]> rounds, java.util.function.ToDoubleFunction<double[]> ratio) {
        return rounds.stream().mapToDouble(ratio).sorted().toArray();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static double load(Path file, SourceLoader loader, int[] lines, long[] events, int slot, double[] cpu) throws Exception {
        Path cache = Files.createTempDirectory("virtblk-block-bench");
        try {
            long t = System.nanoTime();
            long c = OS.getProcessCpuTime();
            try (EventStore store = new EventStore(cache, loader)) {
                SourceIndex index = store.load(file.toString());
                lines[slot] = index.summary().lines();
                events[slot] = index.reader().numDocs();
            }
            cpu[slot] = (OS.getProcessCpuTime() - c) / 1e9;
            return (System.nanoTime() - t) / 1e9;
        } finally {
            try (var walk = Files.walk(cache)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(List<double[]> times, int i) {
        double[] v = times.stream().mapToDouble(t -> t[i]).sorted().toArray();
        return v[v.length / 2];
    }
}
