package io.virtblk.bench;

import io.virtblk.analyzer.store.EventStore;
import io.virtblk.analyzer.store.FileChecksum;
import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.load.SourceLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The store's bench command: loads a log into an empty cache and prints lines per second, MB
 * per second, peak heap, index size, the time to reopen the cached index, and the latency of a
 * count, a range query and a stats query (median of 20 after 5 warm-ups).
 *
 * <pre>java -cp bench/target/virtblk-bench.jar io.virtblk.bench.StoreBench FILE [--repeat N]</pre>
 *
 * <p>{@code --repeat N} loads the file N more times in the same JVM, each into an empty cache: the
 * first load pays for the JIT compiling the parser and Lucene on the same two cores, the later
 * ones show what the work itself costs.
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "bench/target/kern-1m.log");
        int repeat = args.length > 2 && args[1].equals("--repeat") ? Integer.parseInt(args[2]) : 0;
        Path cache = Files.createTempDirectory("virtblk-bench-cache");
        try {
            long bytes = Files.size(file);
            resetPeaks();
            long t0 = System.nanoTime();
            EventStore store = new EventStore(cache, new SourceLoader());
            SourceIndex index = store.load(file.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = peakHeap();
            int lines = index.summary().lines();
            System.out.printf("load (empty cache): %.2f s, %,.0f lines/s, %.1f MB/s, %,d lines, %,d events%n", seconds, lines / seconds,
                    bytes / 1e6 / seconds, lines, index.reader().numDocs());
            System.out.printf("peak heap during load: %d MB (sum of the heap pools' peaks, an upper bound; max heap %d MB)%n", peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("index size on disk: %.1f MB (input %.1f MB)%n", index.sizeOnDisk() / 1e6, bytes / 1e6);
            store.close();
            long t1 = System.nanoTime();
            EventStore again = new EventStore(cache, new SourceLoader());
            SourceIndex reopened = again.load(file.toString());
            System.out.printf("reopen (cached, unchanged): %d ms, reused=%s%n", (System.nanoTime() - t1) / 1_000_000, reopened.reused());
            integrityCost(file, reopened);
            latency("count type:ioctl", () -> again.count("type:ioctl"));
            latency("count mono:[67400 TO 67500] (range)", () -> again.count("mono:[67400 TO 67500]"));
            latency("count time:[... 10 minutes] AND type:engage", () -> again.count(
                    "time:[2016-11-11T04:30:00 TO 2016-11-11T04:40:00] AND type:engage"));
            latency("stats *:* --by type", () -> again.stats("*:*", "type").size());
            latency("stats type:ioctl --by ioctl.name", () -> again.stats("type:ioctl", "ioctl.name").size());
            latency("stats *:* --histogram time --interval 1h", () -> again.histogram("*:*", "time", 3_600_000).size());
            again.close();
            for (int i = 1; i <= repeat; i++) {
                Path more = Files.createTempDirectory("virtblk-bench-cache");
                long t = System.nanoTime();
                try (EventStore warm = new EventStore(more, new SourceLoader())) {
                    warm.load(file.toString());
                }
                System.out.printf("load again in the same JVM (%d of %d, empty cache): %.2f s%n", i, repeat, (System.nanoTime() - t) / 1e9);
                delete(more);
            }
        } finally {
            delete(cache);
        }
    }

    /**
     * What trusting the cache costs, of the reopen above: the checksum of the input (is it the
     * file that was indexed?) and Lucene's checksum of every index file (is the index undamaged?).
     * Both read their files whole, so both scale with size; measured here on a warm page cache.
     */
    private static void integrityCost(Path file, SourceIndex index) throws java.io.IOException {
        long t = System.nanoTime();
        FileChecksum.crc32c(file, Long.MAX_VALUE);
        long crc = System.nanoTime() - t;
        t = System.nanoTime();
        index.checkIntegrity();
        long check = System.nanoTime() - t;
        System.out.printf("  of which: CRC32C of the input %d ms, Lucene checkIntegrity of %d segments (%.1f MB) %d ms%n",
                crc / 1_000_000, index.reader().leaves().size(), index.sizeOnDisk() / 1e6, check / 1_000_000);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    private static void latency(String what, Work work) throws Exception {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        long[] ns = new long[20];
        Object answer = null;
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            answer = work.run();
            ns[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(ns);
        System.out.printf("%-48s median %6.2f ms  max %6.2f ms  (answer %s)%n", what, ns[ns.length / 2] / 1e6, ns[ns.length - 1] / 1e6, answer);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
