package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16, points 2 and 5: devices, requests and timeline at the prompt, on the stalled capture of samples/block. */
class BlockCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sample(String file) {
        return Path.of(System.getProperty("virtblk.root", ".."), "samples", "block", "stalled", file).toString();
    }

    private static BatchModeTest.Run session(String... commands) {
        String[] args = new String[2 * (commands.length + 2)];
        args[0] = "-c";
        args[1] = "load " + sample("ftrace.txt");
        args[2] = "-c";
        args[3] = "load " + sample("dmesg.txt") + " " + sample("fio-output.txt");
        for (int i = 0; i < commands.length; i++) {
            args[4 + 2 * i] = "-c";
            args[5 + 2 * i] = commands[i];
        }
        return BatchModeTest.run(args);
    }

    @Test
    void devicesSaysTheVerdictItsEvidenceAndBttsTable() {
        BatchModeTest.Run r = session("devices");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("device 7:0: STALLED — 1464 request(s), 1464 completed, 0 error(s)")
                .contains("7:0 stopped completing at 659.04 with 4 request(s) in flight and completed nothing for 11.1 s, until 670.17")
                .contains("fio job stalled-randrw (pids 8251, 8252) hung in blk_mq_get_tag at 666.66")
                .contains("WS   2280+8  issued 659.043025  completed 670.178961")
                .containsPattern("all +1464 +1464 +0 +\\d+ ")
                .containsPattern("read +695 +695 ")
                .containsPattern("write +769 +769 ");
    }

    @Test
    void devicesJsonGivesEachDirectionWithItsLatencies() throws IOException {
        BatchModeTest.Run r = session("devices --json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = JSON.readTree(r.out().substring(r.out().indexOf('{'))).path("devices").get(0);
        assertThat(d.path("verdict").asText()).isEqualTo("stalled");
        JsonNode dirs = d.path("directions");
        assertThat(dirs).extracting(n -> n.path("direction").asText()).containsExactly("all", "read", "write");
        for (JsonNode dir : dirs) {
            assertThat(dir.path("latency_us").path("d2c").fieldNames()).toIterable().contains("p50", "p99", "max");
            assertThat(dir.path("latency_us").path("q2c").path("max").asLong()).isGreaterThan(11_000_000L);
            assertThat(dir.path("max_in_flight").asInt()).isBetween(1, 4);
        }
    }

    @Test
    void requestsListsTheSlowestFirstAndFiltersByDeviceAndState() throws IOException {
        BatchModeTest.Run r = session("requests --device 7:0 --slowest --limit 4", "requests --state in-flight", "requests --json --limit 2");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        int header = Arrays.asList(lines).indexOf(Arrays.stream(lines).filter(l -> l.startsWith("device  rwbs")).findFirst().orElseThrow());
        // the four stuck requests took ~11.1 s from queue to completion; the two that waited for a tag as long
        for (int i = header + 1; i <= header + 4; i++) {
            assertThat(lines[i]).startsWith("7:0").contains("completed").contains("11.1");
        }
        assertThat(lines[header + 5]).isEqualTo("... 1460 more of 1464 (--limit 0 shows all; --slowest puts the slowest first)");
        assertThat(r.out()).contains("0 request(s)"); // none was in flight when the trace ended
        JsonNode json = JSON.readTree(r.out().substring(r.out().indexOf("{")));
        assertThat(json.path("total").asInt()).isEqualTo(1464);
        assertThat(json.path("requests")).hasSize(2);
        assertThat(json.path("requests").get(0).fieldNames()).toIterable().contains("device", "rwbs", "sector", "sectors", "state", "comm",
                "pid", "queue_time", "issue_time", "complete_time", "q2g_us", "d2c_us", "q2c_us", "source", "line");
    }

    @Test
    void requestsAreEventsThatQueryAndStatsReach() {
        BatchModeTest.Run r = session("count type:request AND request.d2c_us:[1000000 TO *]", "stats type:request --by block.rwbs");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^4$").containsPattern("WS +769").containsPattern("R +695");
    }

    @Test
    void timelineDrawsTheDeviceWithItsStallAndHungTasks() {
        BatchModeTest.Run r = session("timeline --width 100");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("device 7:0 STALLED  656.799036 .. 672.819357")
                .containsPattern("in flight  \\|[0-9+ ]+\\|  most \\d")
                .containsPattern("stall      \\| *\\[=+\\] *\\|  659.04 .. 670.17, 4 stuck")
                .containsPattern("hung       \\| *H *\\|  fio:8251, fio:8252");
        assertThat(r.out().lines().filter(l -> l.startsWith("  ")).mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(100);
    }

    @Test
    void replayOnABlockTraceReplaysEachDeviceOnTheQueueModel() throws IOException {
        BatchModeTest.Run r = session("replay", "replay --json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("device 7:0: STALLED").contains("replayed on a queue of 4 tag(s)")
                .contains("R 70368+8 was due at 659.05 and came back 11.1 s late: the stall point")
                .doesNotContain("no device sessions");
        JsonNode json = JSON.readTree(r.out().substring(r.out().indexOf("\n{") + 1));
        assertThat(json.path("devices").get(0).path("replay").path("stall_point").path("sector").asLong()).isEqualTo(70368);
        BatchModeTest.Run model = session("replay --model virtblkiosim");
        assertThat(model.code()).isEqualTo(1);
        assertThat(model.err()).contains("block traces replay per device on the generic queue model").contains("try: replay --step");
    }

    @Test
    void replayStepShowsTheQueueModelTakingEachRequestAndStallingAtTheStallPoint() throws IOException {
        // the queue model is a DeviceModel the simulator steps, as it steps a driver's: one line per arrival
        BatchModeTest.Run step = session("replay --step");
        assertThat(step.code()).as(step.err()).isZero();
        List<String> lines = step.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("device 7:0 on the queue model (4 tag(s), ") && l.endsWith(": STALLED"));
        List<String> arrivals = lines.stream().filter(l -> l.matches(" +\\d+ \\S+ +\\d+\\+\\d+  t=.*")).toList();
        assertThat(arrivals).hasSizeGreaterThan(1000);
        // before the stall point the model has not stalled; at it, it stalls on that request, and says so from then on
        int at = arrivals.indexOf(arrivals.stream().filter(l -> l.contains(" 70368+8  ")).findFirst().orElseThrow());
        assertThat(arrivals.get(at)).contains("STALLED at line").contains("(OVERDUE)").contains("first_overdue=70368+8");
        assertThat(arrivals.subList(0, at)).noneMatch(l -> l.contains("STALLED"));
        assertThat(arrivals.getLast()).contains("STALLED at line").contains("in_service=");
    }

    @Test
    void aCaptureFolderWithTheTraceInTwoFormsCountsEachRequestOnce() {
        String folder = Path.of(System.getProperty("virtblk.root", ".."), "samples", "block", "stalled").toString();
        BatchModeTest.Run r = BatchModeTest.run("-c", "load " + folder + "/", "-c", "devices");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("device 7:0: STALLED — 1464 request(s), 1464 completed")
                .contains("with 4 request(s) in flight")
                .containsPattern("trace-cmd-report.txt.gz holds the same recording of 7:0 as \\S*ftrace.txt: its requests are counted once");
    }

    @Test
    void aTraceWhoseTailHoldsOnlyOtherEventsRunsUntilItsLastLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // the device completes its first requests, then two are issued and never complete; the trace goes on 40 s
        // with nothing but sched_switch: the case ends at the trace's last line, not at its last block event
        StringBuilder t = new StringBuilder("# tracer: nop\n");
        double now = 100.0;
        for (int i = 0; i < 50; i++, now += 0.01) {
            long sector = 8L * i;
            t.append(String.format("             fio-700     [000] .....   %.6f: block_bio_queue: 7,0 R %d + 8 [fio]%n", now, sector));
            t.append(String.format("             fio-700     [000] .....   %.6f: block_getrq: 7,0 R %d + 8 [fio]%n", now + 0.000005, sector));
            t.append(String.format("             fio-700     [000] .....   %.6f: block_rq_issue: 7,0 R 4096 () %d + 8 be,0,4 [fio]%n", now + 0.00001, sector));
            t.append(String.format("          <idle>-0       [000] ..s1.   %.6f: block_rq_complete: 7,0 R () %d + 8 be,0,4 [0]%n", now + 0.001, sector));
        }
        for (long sector : new long[] {4000, 4008}) {
            t.append(String.format("             fio-700     [000] .....   %.6f: block_bio_queue: 7,0 W %d + 8 [fio]%n", now, sector));
            t.append(String.format("             fio-700     [000] .....   %.6f: block_getrq: 7,0 W %d + 8 [fio]%n", now + 0.000005, sector));
            t.append(String.format("             fio-700     [000] .....   %.6f: block_rq_issue: 7,0 W 4096 () %d + 8 be,0,4 [fio]%n", now + 0.00001, sector));
        }
        for (double s = now + 0.5; s < now + 40; s += 0.5) {
            t.append(String.format("          <idle>-0       [001] d..2.   %.6f: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=kworker/1:1 next_pid=42 next_prio=120%n", s));
        }
        Path trace = dir.resolve("ftrace.txt");
        java.nio.file.Files.writeString(trace, t);
        BatchModeTest.Run r = BatchModeTest.run("-c", "load " + trace, "-c", "devices");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("device 7:0: STALLED — 52 request(s), 50 completed")
                .contains("7:0 stopped completing at 100.50 with 2 request(s) in flight and had not completed them when the trace ended, 39.5 s later")
                .contains("W    4000+8  issued 100.500010  never completed  by fio:700");
    }

    @Test
    void aRequeuedRequestShowsEachWaitOnceInItsJson() throws IOException {
        String example = Path.of(System.getProperty("virtblk.root", ".."), "grammar", "src", "test", "resources", "examples", "block",
                "ftrace_requeued_request.txt").toString();
        BatchModeTest.Run r = BatchModeTest.run("-c", "load " + example, "-c", "requests --json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode q = JSON.readTree(r.out().substring(r.out().indexOf('{'))).path("requests").get(0);
        assertThat(q.path("requeues").asInt()).isEqualTo(1);
        assertThat(q.path("first_issue_time").asDouble()).isEqualTo(512.10023);
        assertThat(q.path("issue_time").asDouble()).isEqualTo(512.16023);
        assertThat(q.path("g2i_us").asLong()).as("to the first insert").isEqualTo(5);
        assertThat(q.path("i2d_us").asLong()).as("to the first issue").isEqualTo(15);
        assertThat(q.path("requeue_us").asLong()).as("first issue to the issue that completed").isEqualTo(60_000);
        assertThat(q.path("d2c_us").asLong()).isEqualTo(1_000);
        assertThat(q.path("q2c_us").asLong()).isEqualTo(61_030);
    }

    @Test
    void aDeviceNotInTheTraceIsNamedWithTheOnesThatAre() {
        BatchModeTest.Run r = session("requests --device 8:0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no device 8:0 in the loaded traces; they have 7:0");
    }
}
