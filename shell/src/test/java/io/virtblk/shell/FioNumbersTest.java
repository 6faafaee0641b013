package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void latenciesTakeTheUnitFioWouldPrintThemIn() {
        assertThat(FioNumbers.latency(0.096265043)).isEqualTo("96.27ns");
        assertThat(FioNumbers.latency(19.47987)).isEqualTo("19479.87ns");
        assertThat(FioNumbers.latency(350.52)).isEqualTo("350.52us");
        assertThat(FioNumbers.latency(223980.0)).isEqualTo("223.98ms");
        assertThat(FioNumbers.percentile(0.029)).isEqualTo("29ns");
        assertThat(FioNumbers.percentile(70.144)).isEqualTo("70144ns");
        assertThat(FioNumbers.percentile(510.0)).isEqualTo("510us");
        assertThat(FioNumbers.percentile(473088.0)).as("rounded up, as fio rounds its percentiles").isEqualTo("474ms");
        assertThat(FioNumbers.runtime(192L)).isEqualTo("192msec");
    }

    private static final Pattern TEXT_DIR = Pattern.compile("^\\s+(read|write|trim): IOPS=([^,]+), BW=(\\S+) \\(");

    /**
     * fio 3.33 wrote each run of the corpus twice in one file ({@code --output-format=normal,json}):
     * the JSON's whole numbers, scaled here, must read exactly as the normal report fio printed.
     */
    @Test
    void theJsonNumbersOfARunReadAsFiosOwnReportOfIt() throws IOException {
        Path root = JobsTableTest.corpus("fio-3.33");
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
