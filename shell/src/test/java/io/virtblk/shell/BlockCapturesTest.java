package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 on the shared real captures (fio on a 6.18 kernel, block tracepoints and the kernel log
 * on one clock; {@code ../shared/corpus/block-captures}, whose TRUTH.md files hold every number
 * asserted here): the same verdict and the same requests from the ftrace text, the trace-cmd
 * report and both blk tracer forms.
 */
class BlockCapturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STALL = "block-captures/stall-fuse-loop-qdepth4/";
    private static final String HEALTHY = "block-captures/healthy-loop-randrw/";

    static BatchModeTest.Run check(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("check", "--memory", "--json"));
        for (String f : files) {
            all.add(Corpus.of(f).toString());
        }
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err, true));
        return new BatchModeTest.Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftrace.txt.gz", "trace-cmd-report.txt.gz", "blk-tracer.txt.gz", "blk-tracer-classic.txt.gz"})
    void theStallIsFoundWithItsStuckRequestsTagWaitersAndHungFioJobs(String trace) throws IOException {
        BatchModeTest.Run r = check(STALL + trace, STALL + "dmesg.txt", STALL + "fio-output.txt");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.STALLED);
        JsonNode devices = JSON.readTree(r.out()).path("devices");
        assertThat(devices).hasSize(1);
        JsonNode d = devices.get(0);
        assertThat(d.path("device").asText()).isEqualTo("7:0");
        assertThat(d.path("verdict").asText()).isEqualTo("stalled");
        assertThat(d.path("requests").asInt()).isEqualTo(21_195);
        assertThat(d.path("completed").asInt()).isEqualTo(21_195);
        assertThat(d.path("errors").asInt()).isZero();

        JsonNode stall = d.path("stall");
        assertThat(stall.path("start").asDouble()).isCloseTo(1087.06, within(0.05));
        assertThat(stall.path("end").asDouble()).isCloseTo(1109.43, within(0.05));
        assertThat(stall.path("seconds").asDouble()).isCloseTo(22.37, within(0.05));
        assertThat(stall.path("in_flight").asInt()).isEqualTo(4);

        // TRUTH.md: the 4 requests issued but not completed, with their sector, size, direction and times (the blk
        // tracer stamps its events itself, a few microseconds from the tracepoints' stamps)
        java.util.Map<String, double[]> truth = java.util.Map.of(
                "R 152128+8 fio", new double[] {1087.056928, 1109.426948},
                "R 164560+8 fio", new double[] {1087.057571, 1109.426988},
                "WS 253992+8 fio", new double[] {1087.058593, 1109.427212},
                "WS 31864+8 fio", new double[] {1087.058841, 1109.427342});
        List<String> stuck = new ArrayList<>();
        d.path("stuck").forEach(s -> {
            String key = s.path("rwbs").asText() + " " + s.path("sector").asLong() + "+" + s.path("sectors").asInt() + " " + s.path("comm").asText();
            stuck.add(key);
            assertThat(truth).containsKey(key);
            assertThat(s.path("issue_time").asDouble()).as(key).isCloseTo(truth.get(key)[0], within(1e-5));
            assertThat(s.path("complete_time").asDouble()).as(key).isCloseTo(truth.get(key)[1], within(1e-5));
        });
        assertThat(stuck).containsExactlyInAnyOrderElementsOf(truth.keySet());
        d.path("stuck").forEach(s -> assertThat(s.path("pid").asInt()).isIn(6339, 6340));

        // the two bios queued that got no tag until the device came back
        List<String> waiting = new ArrayList<>();
        stall.path("waiting_for_tag").forEach(w -> waiting.add(w.path("rwbs").asText() + " " + w.path("sector").asLong() + " "
                + w.path("pid").asInt()));
        assertThat(waiting).containsExactly("R 136864 6339", "R 276792 6340");

        // both hung fio tasks, tied to the fio job by pid, first reported 7.8 s into the stall
        List<String> hung = new ArrayList<>();
        stall.path("hung_tasks").forEach(h -> hung.add(h.path("comm").asText() + ":" + h.path("pid").asInt() + " " + h.path("job").asText()
                + " " + h.path("frame").asText() + " " + h.path("reports").asInt()));
        assertThat(hung).containsExactly("fio:6339 randrw-fuseloop blk_mq_get_tag 3", "fio:6340 randrw-fuseloop blk_mq_get_tag 3");
        assertThat(stall.path("hung_tasks").get(0).path("time").asDouble()).isCloseTo(1094.88, within(0.01));
        assertThat(d.path("evidence").get(0).asText())
                .contains("7:0 stopped completing at 1087.06 with 4 request(s) in flight")
                .contains("fio job randrw-fuseloop (pids 6339, 6340) hung in blk_mq_get_tag at 1094.88, 7.82 s after it stopped");
        assertThat(d.path("latency_us").path("d2c").path("max").asLong()).isCloseTo(22_370_020L, within(5L));

        // point 4: the arrivals replayed on a queue of the device's depth at its healthy pace; the first request overdue is the stall point
        JsonNode replay = d.path("replay");
        assertThat(replay.path("tags").asInt()).isEqualTo(4);
        assertThat(replay.path("stall_point").path("sector").asLong()).isEqualTo(152128);
        assertThat(replay.path("stall_point").path("due_time").asDouble()).isCloseTo(1087.06, within(0.05));
        assertThat(replay.path("stall_point").path("overdue_seconds").asDouble()).isCloseTo(22.37, within(0.05));
        assertThat(replay.path("lost_seconds").asDouble()).isCloseTo(22.37, within(0.05));
        assertThat(d.path("evidence").get(1).asText()).contains("was due at 1087.06 and came back 22.4 s late: the stall point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftrace.txt.gz", "trace-cmd-report.txt.gz", "blk-tracer.txt.gz", "blk-tracer-classic.txt.gz"})
    void theHealthyRunIsHealthyWithEveryRequestCompleted(String trace) throws IOException {
        BatchModeTest.Run r = check(HEALTHY + trace, HEALTHY + "dmesg.txt", HEALTHY + "fio-output.txt");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        JsonNode d = JSON.readTree(r.out()).path("devices").get(0);
        assertThat(d.path("device").asText()).isEqualTo("7:0");
        assertThat(d.path("verdict").asText()).isEqualTo("healthy");
        assertThat(d.path("requests").asInt()).isEqualTo(40_000);
        assertThat(d.path("completed").asInt()).isEqualTo(40_000);
        assertThat(d.path("stuck")).isEmpty();
        assertThat(d.path("stall").isNull()).isTrue();
        // TRUTH.md: 27,992 R + 12,008 WS; p99 26.3 ms, max 158.6 ms; 32 in flight at most (2 jobs x iodepth 16)
        JsonNode dirs = d.path("directions");
        assertThat(dirs.get(1).path("direction").asText() + " " + dirs.get(1).path("requests").asInt()).isEqualTo("read 27992");
        assertThat(dirs.get(2).path("direction").asText() + " " + dirs.get(2).path("requests").asInt()).isEqualTo("write 12008");
        assertThat(d.path("latency_us").path("d2c").path("p99").asLong()).isBetween(26_000L, 26_600L);
        assertThat(d.path("latency_us").path("d2c").path("max").asLong()).isBetween(158_000L, 159_000L);
        assertThat(d.path("max_in_flight").asInt()).isEqualTo(32);
        assertThat(d.path("replay").path("stall_point").isNull()).as("no request came back a second late").isTrue();
        assertThat(d.path("replay").path("lost_seconds").asDouble()).isZero();
    }
}
