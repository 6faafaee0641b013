package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.TestInputs;
import io.virtblk.event.FioEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * fio's {@code --output-format=normal,json} writes one run twice: the JSON object, then the
 * text report. The text parser's numbers must agree with the JSON's to the rounding of the
 * text: IOPS and bandwidth to fio's three significant digits, runtime exactly, percentiles to
 * one unit of the unit fio printed them in.
 */
class FioTextMatchesJsonTwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> textAndJsonOfOneRunAgree() throws IOException {
        Path corpus = TestInputs.corpus().resolve("fio-3.33");
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        List<Path> twins;
        try (Stream<Path> files = Files.walk(corpus)) {
            twins = files.filter(p -> p.getFileName().toString().endsWith(".normal_json.txt")).sorted().toList();
        }
        assertThat(twins).hasSize(10);
        return twins.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> compare(f)));
    }

    private static void compare(Path file) throws IOException {
        LoadedSource text = TestInputs.load(file);
        JsonNode json = JSON.readTree(jsonPart(Files.readAllLines(file)));
        Map<String, List<JsonNode>> jsonJobs = new HashMap<>();
        for (JsonNode job : json.get("jobs")) {
            jsonJobs.computeIfAbsent(job.get("jobname").asText(), k -> new ArrayList<>()).add(job);
        }
        Map<String, Integer> seen = new HashMap<>();
        int compared = 0;
        for (var e : text.events()) {
            if (!(e instanceof FioEvent.JobResult r) || !r.raw().contains(": (groupid=")) {
                continue; // the JSON half is read into results too; here the text half is checked against the raw JSON
            }
            int nth = seen.merge(r.job(), 1, Integer::sum) - 1;
            JsonNode job = jsonJobs.get(r.job()).get(nth);
            for (FioEvent.DirResult d : r.dirs()) {
                JsonNode j = job.get(d.dir());
                String what = file.getFileName() + " " + r.job() + "#" + nth + " " + d.dir();
                assertThat(d.runtimeMs()).as(what + " runtime").isEqualTo(j.get("runtime").asLong());
                assertThat(d.iops()).as(what + " iops").isCloseTo(j.get("iops").asDouble(), org.assertj.core.data.Offset.offset(
                        threeDigits(j.get("iops").asDouble())));
                double bw = j.get("bw_bytes").asDouble();
                assertThat(d.bwBytesPerS()).as(what + " bw").isCloseTo(bw, org.assertj.core.data.Offset.offset(threeDigitsBinary(bw)));
                assertThat(d.ioBytes()).as(what + " io").isCloseTo(j.get("io_bytes").asLong(),
                        org.assertj.core.data.Offset.offset((long) threeDigitsBinary(j.get("io_bytes").asDouble())));
                JsonNode pct = j.path("clat_ns").path("percentile");
                if (d.clatPercentiles() != null && !pct.isMissingNode()) {
                    double unitUs = d.clatPercentiles().values().stream().anyMatch(v -> v != Math.rint(v)) ? 0.001 : 1;
                    for (var p : d.clatPercentiles().entrySet()) {
                        JsonNode ns = pct.get(String.format("%.6f", Double.parseDouble(p.getKey())));
                        assertThat(ns).as(what + " percentile " + p.getKey()).isNotNull();
                        double jsonUs = ns.asDouble() / 1000;
                        assertThat(p.getValue()).as(what + " p" + p.getKey()).isCloseTo(jsonUs,
                                org.assertj.core.data.Offset.offset(Math.max(unitUs, threeDigits(jsonUs))));
                    }
                }
                compared++;
            }
        }
        assertThat(compared).as(file + ": directions compared").isPositive();
    }

    /**
     * One unit in the last digit fio prints (three significant digits, "96.7k"; whole numbers
     * below 1000): fio truncates some values (IOPS=63 for 63.98) and rounds others.
     */
    private static double threeDigits(double v) {
        if (v < 1000) {
            return 1 + 1e-9;
        }
        return Math.pow(10, Math.floor(Math.log10(v)) - 2) + 1e-9;
    }

    /** The same for sizes, which fio prints in binary units (MiB) of 3-4 digits. */
    private static double threeDigitsBinary(double v) {
        double unit = 1;
        while (v / unit >= 1024) {
            unit *= 1024;
        }
        return Math.max(threeDigits(v / unit) * unit, unit / 2);
    }

    /** The lines from the first "{" to the matching top-level "}". */
    private static String jsonPart(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String l : lines) {
            if (!in && l.equals("{")) {
                in = true;
            }
            if (in) {
                sb.append(l).append('\n');
                if (l.equals("}")) {
                    break;
                }
            }
        }
        return sb.toString();
    }
}
