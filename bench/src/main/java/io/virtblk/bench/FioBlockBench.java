package io.virtblk.bench;

import io.virtblk.event.Event;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.fio.FioOutputReader;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fio block parser: one job's result block of fio 2.x (as in samples/000_session.txt) and
 * of fio 3.x, through {@link FioOutputReader}. Reported per block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FioBlockBench {

    private static final String FIO2 = """
            virtblkiofio-00-read: (groupid=0, jobs=1): err= 0: pid=3832: Fri Nov 11 04:25:30 2016
              read : io=32768KB, bw=170667KB/s, iops=42666, runt=   192msec
                slat (usec): min=6, max=309, avg=17.20, stdev= 5.10
                clat (usec): min=4, max=820, avg=350.52, stdev=35.26
                 lat (usec): min=28, max=827, avg=368.42, stdev=36.24
                clat percentiles (usec):
                 |  1.00th=[  330],  5.00th=[  338], 10.00th=[  338], 20.00th=[  338],
                 | 30.00th=[  342], 40.00th=[  342], 50.00th=[  342], 60.00th=[  342],
                 | 70.00th=[  346], 80.00th=[  358], 90.00th=[  370], 95.00th=[  386],
                 | 99.00th=[  510], 99.50th=[  652], 99.90th=[  708], 99.95th=[  708],
                 | 99.99th=[  820]
                lat (usec) : 10=0.01%, 50=0.01%, 100=0.01%, 250=0.22%, 500=98.68%
                lat (usec) : 750=1.01%, 1000=0.05%
              cpu          : usr=20.94%, sys=48.17%, ctx=8149, majf=0, minf=25
              IO depths    : 1=0.1%, 2=0.1%, 4=0.1%, 8=0.1%, 16=99.8%, 32=0.0%, >=64=0.0%
                 submit    : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                 complete  : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.1%, 32=0.0%, 64=0.0%, >=64=0.0%
                 issued    : total=r=8192/w=0/d=0, short=r=0/w=0/d=0, drop=r=0/w=0/d=0
                 latency   : target=0, window=0, percentile=100.00%, depth=16
            """;

    private static final String FIO3 = """
            mixed7030: (groupid=0, jobs=1): err= 0: pid=11603: Thu Nov 26 06:10:42 2026
              read: IOPS=50.8k, BW=199MiB/s (208MB/s)(596MiB/3002msec)
                slat (nsec): min=1483, max=5131.5k, avg=3703.33, stdev=26999.11
                clat (usec): min=16, max=5282, avg=100.93, stdev=132.54
                 lat (usec): min=21, max=5283, avg=104.64, stdev=135.21
                clat percentiles (usec):
                 |  1.00th=[   64],  5.00th=[   70], 10.00th=[   74], 20.00th=[   79],
                 | 30.00th=[   83], 40.00th=[   87], 50.00th=[   91], 60.00th=[   96],
                 | 70.00th=[  102], 80.00th=[  111], 90.00th=[  123], 95.00th=[  133],
                 | 99.00th=[  167], 99.50th=[  227], 99.90th=[ 2311], 99.95th=[ 3949],
                 | 99.99th=[ 4555]
               bw (  KiB/s): min=191480, max=209880, per=98.06%, avg=199331.20, stdev=8541.39, samples=5
               iops        : min=47870, max=52470, avg=49832.80, stdev=2135.35, samples=5
              lat (usec)   : 20=0.01%, 50=0.14%, 100=60.69%, 250=38.61%, 500=0.18%
              cpu          : usr=6.06%, sys=28.92%, ctx=40978, majf=0, minf=13
              IO depths    : 1=0.1%, 2=0.1%, 4=0.1%, 8=100.0%, 16=0.0%, 32=0.0%, >=64=0.0%
                 submit    : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                 complete  : 0=0.0%, 4=100.0%, 8=0.1%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                 issued rwts: total=152557,65214,0,0 short=0,0,0,0 dropped=0,0,0,0
                 latency   : target=0, window=0, percentile=100.00%, depth=8
            """;

    private final List<Line> fio2 = lines(FIO2);
    private final List<Line> fio3 = lines(FIO3);

    @Benchmark
    public int fio2ResultBlock() {
        return parse(fio2);
    }

    @Benchmark
    public int fio3ResultBlock() {
        return parse(fio3);
    }

    private static int parse(List<Line> lines) {
        Counter sink = new Counter();
        FioOutputReader reader = new FioOutputReader("bench", sink);
        for (Line l : lines) {
            reader.line(l);
        }
        reader.finish();
        if (sink.diagnostics > 0 || sink.events != 1) {
            throw new IllegalStateException("the block did not parse cleanly");
        }
        return sink.events;
    }

    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int n = 0;
        for (String l : text.split("\n")) {
            out.add(new Line(++n, l));
        }
        return out;
    }

    private static final class Counter implements EventSink {
        int events;
        int diagnostics;

        @Override
        public void event(Event event, int lines) {
            events++;
        }

        @Override
        public void structural(int line) {
        }

        @Override
        public void diagnostic(Diagnostic diagnostic) {
            diagnostics++;
        }
    }
}
