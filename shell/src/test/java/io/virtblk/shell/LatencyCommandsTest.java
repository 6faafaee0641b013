package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code latency} and {@code histogram}: a job's distribution from JSON+ bins, log samples or fio's percentiles. */
class LatencyCommandsTest {

    @Test
    void jsonPlusBinsGiveTheSamePercentilesFioPrinted() throws IOException {
        BatchModeTest.Run r = BatchModeTest.run("-c", "latency randread --json",
                Corpus.of("fio-3.33/s01_randread_libaio/s01_randread_libaio.jsonplus.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out().substring(r.out().indexOf("[ {"))).get(0);
        assertThat(d.get("source").asText()).startsWith("JSON+ latency bins");
        assertThat(d.get("ios").asLong()).isPositive();
        for (String p : new String[] {"50", "90", "99"}) {
            double printed = d.get("printed_percentiles_us").get(p + ".00").asDouble();
            assertThat(d.get("percentiles_us").get(p).asDouble()).as("p" + p).isEqualTo(printed);
        }
        assertThat(d.get("percentiles_us").has("99.999")).isTrue();
    }

    @Test
    void histogramPlotsTheBinsAndFallsBackToPrintedPercentiles() {
        String plot = BatchModeTest.run("-c", "histogram randread --width 80",
                Corpus.of("fio-3.33/s01_randread_libaio/s01_randread_libaio.jsonplus.json").toString()).out();
        assertThat(plot).contains("<= 256.00us").contains("#");
        // issue 14, point 7: the sample's own latency buckets come before its percentiles
        String fromText = BatchModeTest.run("-c", "histogram virtblkiofio-00-read", BatchModeTest.sample()).out();
        assertThat(fromText).contains("from fio's latency buckets").containsPattern("250us \\.\\. 500us\\s+98\\.68%");
        // with no buckets, the percentiles: the share between two printed ones, no log2 bucket fio did not print
        String fromPercentiles = BatchModeTest.run("-c", "histogram virtblkiofio-00-read", Path.of(System.getProperty("virtblk.root", ".."),
                "shell/src/test/resources/fio/percentiles_without_buckets.txt").toString()).out();
        assertThat(fromPercentiles).contains("percentiles fio printed").containsPattern("386us \\.\\. 510us\\s+4\\.00%")
                .doesNotContain("<= 512.00us");
        assertThat(BatchModeTest.run("-c", "latency nosuchjob", BatchModeTest.sample()).err()).contains("no fio job 'nosuchjob'");
    }

    @Test
    void logSamplesGiveADistributionWhenTheJobHasNoBins() {
        BatchModeTest.Run r = BatchModeTest.run("-c", "latency perio --percentiles",
                Corpus.of("fio-3.33/s09_logs/logs/perio_clat.1.log").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("samples of the fio log 'perio'").contains("1,024 I/Os").contains("p99=");
    }
}
