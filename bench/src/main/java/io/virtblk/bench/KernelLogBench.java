package io.virtblk.bench;

import io.virtblk.load.SourceLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a kern.log against the baseline of reading it into lines, in the same JVM, one
 * thread each. The target (issue 2): {@code parseKernelLog} takes at most three times as long
 * as {@code readLines} on the 1,000,000-line file of {@code gen-kernlog 1000000 --seed 1}.
 * Events are streamed to a counter, so what is measured is parsing, not keeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class KernelLogBench {

    /** The log to read; bench/run generates it. */
    @Param("bench/target/kern-1m.log")
    public String file;

    private Path path;

    @Setup
    public void check() {
        path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no " + file + ": run bench/run, or make one with ../shared/tools/gen-kernlog 1000000 --seed 1");
        }
    }

    @Benchmark
    public long readLines() throws IOException {
        long chars = 0;
        try (BufferedReader r = Files.newBufferedReader(path)) {
            for (String l; (l = r.readLine()) != null; ) {
                chars += l.length();
            }
        }
        return chars;
    }

    @Benchmark
    public long parseKernelLog() throws IOException {
        long[] events = {0};
        var s = new SourceLoader(2016).stream(SourceLoader.Spec.parse("kernel:" + file), e -> events[0]++);
        if (!s.accountedFor()) {
            throw new IllegalStateException("lines lost");
        }
        return events[0];
    }
}
