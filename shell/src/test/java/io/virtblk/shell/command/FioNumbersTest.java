package io.virtblk.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.shell.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Numbers scaled as fio scales them, held to what fio itself printed. */
class FioNumbersTest {

    @Test
    void countsAndRatesHaveFourDigitsAndAPrefix() {
        assertThat(FioNumbers.iops(42666.0)).isEqualTo("42.7k");
        assertThat(FioNumbers.iops(20041.31956)).isEqualTo("20.0k");
        assertThat(FioNumbers.iops(1033.0)).isEqualTo("1033");
        assertThat(FioNumbers.iops(777774.900398)).isEqualTo("778k");
        assertThat(FioNumbers.iops(1000400.0)).isEqualTo("1000k");
        assertThat(FioNumbers.iops(12_345_678.0)).isEqualTo("12.3M");
        assertThat(FioNumbers.iops(0.25)).isEqualTo("<1");
        assertThat(FioNumbers.iops(0.0)).isEqualTo("0");
        assertThat(FioNumbers.bandwidth(174763008.0)).isEqualTo("167MiB/s");
        assertThat(FioNumbers.bandwidth(10149888.0)).isEqualTo("9912KiB/s");
        // the rest rounds into the whole part instead of printing 43.0k as fio's num2str can
        assertThat(FioNumbers.iops(42960.0)).isEqualTo("43.0k");
    }

    @Test
    void latenciesTakeTheUnitTheJobsFioPrintedThemIn() {
        // fio 3.33, s08: clat (nsec): min=14919, max=83527, avg=19479.87, stdev=9198.20; percentiles (nsec) 15168 .. 83456
        FioNumbers.Unit ns = FioNumbers.Unit.ofLine(stat(14.919, 83.527, 19.47987, 9.1982), false);
        assertThat(FioNumbers.latency(19.47987, ns)).isEqualTo("19479.87ns");
        assertThat(FioNumbers.percentile(70.144, FioNumbers.Unit.ofPercentiles(List.of(15.168, 70.144, 83.456), false))).isEqualTo("70144ns");
        // fio 3.33, s10: clat (usec): min=94, max=13298, avg=548.57, stdev=1947.61
        assertThat(FioNumbers.latency(548.57, FioNumbers.Unit.ofLine(stat(94, 13298, 548.57, 1947.61), false))).isEqualTo("548.57us");
        // msec once min is over 2 ms, max over 100 ms and stdev over 1 ms
        FioNumbers.Unit ms = FioNumbers.Unit.ofLine(stat(3000, 141000, 19980, 6100), false);
        assertThat(FioNumbers.latency(19980.0, ms)).isEqualTo("19.98ms");
        assertThat(FioNumbers.latency(223980.0, FioNumbers.Unit.ofLine(stat(150000, 400000, 223980, 21000), false))).isEqualTo("223.98ms");
        // fio 2 counted in us and printed ms when min, max, mean and stdev were all over 1000 us; never ns
        assertThat(FioNumbers.latency(198030.44, FioNumbers.Unit.ofLine(stat(0, 400078, 198030.44, 21709.4), true))).isEqualTo("198030.44us");
        assertThat(FioNumbers.latency(250667.06, FioNumbers.Unit.ofLine(stat(24198, 528542, 250667.06, 70403.4), true))).isEqualTo("250.67ms");
        assertThat(FioNumbers.percentile(473088.0, FioNumbers.Unit.ofPercentiles(List.of(59136.0, 473088.0, 528384.0), true)))
                .as("rounded up, as fio rounds its percentiles").isEqualTo("474ms");
        assertThat(FioNumbers.percentile(0.029, FioNumbers.Unit.ofPercentiles(List.of(0.022, 0.029, 0.089), false))).isEqualTo("29ns");
        // terse and fio 2 count whole µs: a 29 ns p99 is written 0 there, which is under 1 us, not 0 ns
        assertThat(FioNumbers.percentile(0.0, FioNumbers.Unit.NS)).isEqualTo("<1us");
        assertThat(FioNumbers.runtime(192L)).isEqualTo("192msec");
        assertThat(FioNumbers.fio2("2.2.10")).isTrue();
        assertThat(FioNumbers.fio2("3.33")).isFalse();
    }

    private static io.virtblk.event.FioEvent.Stat stat(double min, double max, double avg, double stdev) {
        return new io.virtblk.event.FioEvent.Stat(min, max, avg, stdev, null, null);
    }

    private static final Pattern TEXT_DIR = Pattern.compile("^\\s+(read|write|trim): IOPS=([^,]+), BW=(\\S+) \\(");

    /**
     * fio 3.33 wrote each run of the corpus twice in one file ({@code --output-format=normal,json}):
     * the JSON's whole numbers, scaled here, must read exactly as the normal report fio printed.
     */
    @Test
    void theJsonNumbersOfARunReadAsFiosOwnReportOfIt() throws IOException {
        Path root = Corpus.of("fio-3.33");
        List<String> compared = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".normal_json.txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                int open = lines.indexOf("{");
                int close = lines.indexOf("}");
                JsonNode doc = new ObjectMapper().readTree(String.join("\n", lines.subList(open, close + 1)));
                List<String> printed = new ArrayList<>();
                for (String l : lines.subList(close + 1, lines.size())) {
                    Matcher m = TEXT_DIR.matcher(l);
                    if (m.find()) {
                        printed.add(m.group(1) + " IOPS=" + m.group(2) + " BW=" + m.group(3));
                    }
                }
                List<String> ours = new ArrayList<>();
                for (JsonNode job : doc.path("jobs")) {
                    for (String d : List.of("read", "write", "trim")) {
                        JsonNode n = job.path(d);
                        if (n.path("total_ios").asLong() > 0 || n.path("io_bytes").asLong() > 0) {
                            ours.add(d + " IOPS=" + FioNumbers.iops(n.path("iops").asDouble()) + " BW="
                                    + FioNumbers.bandwidth(n.path("bw_bytes").asDouble()));
                        }
                    }
                }
                assertThat(ours).as(f.getFileName().toString()).isEqualTo(printed);
                compared.addAll(ours);
            }
        }
        assertThat(compared).as("directions compared").hasSizeGreaterThan(10);
    }
}
