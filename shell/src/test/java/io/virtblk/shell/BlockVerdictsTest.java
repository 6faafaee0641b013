package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: one real capture per verdict, made on this project's kind of machine by
 * {@code bench/capture-block-case} and checked in under {@code samples/block/} with the truth its
 * {@code bench/blocktruth.py} computed ({@code TRUTH.md}, {@code truth.json} beside each). Each is
 * given to {@code check} as a user would: the trace, the kernel log and fio's output of one case.
 */
class BlockVerdictsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BatchModeTest.Run check(String name) {
        Path dir = Path.of(System.getProperty("virtblk.root", ".."), "samples", "block", name);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("check", "--memory", "--json"));
        for (String f : List.of("ftrace.txt", "dmesg.txt", "fio-output.txt")) {
            args.add(dir.resolve(f).toString());
        }
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err, true));
        return new BatchModeTest.Run(code, out.toString(), err.toString());
    }

    private static JsonNode device(BatchModeTest.Run r) throws IOException {
        JsonNode devices = JSON.readTree(r.out()).path("devices");
        assertThat(devices).as("one device, loop0").hasSize(1);
        assertThat(devices.get(0).path("device").asText()).isEqualTo("7:0");
        return devices.get(0);
    }

    @Test
    void healthy() throws IOException {
        BatchModeTest.Run r = check("healthy");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        JsonNode d = device(r);
        assertThat(d.path("verdict").asText()).isEqualTo("healthy");
        assertThat(d.path("requests").asInt()).isEqualTo(2000);
        assertThat(d.path("completed").asInt()).isEqualTo(2000);
        assertThat(d.path("stall").isNull()).isTrue();
        assertThat(d.path("latency_us").path("d2c").path("max").asLong()).isEqualTo(370);
    }

    @Test
    void stalled() throws IOException {
        BatchModeTest.Run r = check("stalled");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.STALLED);
        JsonNode d = device(r);
        assertThat(d.path("verdict").asText()).isEqualTo("stalled");
        assertThat(d.path("requests").asInt()).isEqualTo(695 + 769);
        JsonNode stall = d.path("stall");
        // TRUTH.md: last completion 659.042991, first after the gap 670.168704
        assertThat(stall.path("start").asDouble()).isCloseTo(659.042991, within(1e-6));
        assertThat(stall.path("end").asDouble()).isCloseTo(670.168704, within(1e-6));
        List<String> stuck = new ArrayList<>();
        d.path("stuck").forEach(s -> stuck.add(s.path("rwbs").asText() + " " + s.path("sector").asLong() + "+" + s.path("sectors").asInt()
                + " " + s.path("issue_time").asText() + " " + s.path("complete_time").asText() + " " + s.path("comm").asText() + ":" + s.path("pid").asInt()));
        assertThat(stuck).containsExactly(
                "R 70368+8 659.032758 670.168704 fio:8252",
                "WS 102824+8 659.036293 670.172193 fio:8251",
                "R 126304+8 659.039625 670.175547 fio:8252",
                "WS 2280+8 659.043025 670.178961 fio:8251");
        List<String> waiting = new ArrayList<>();
        stall.path("waiting_for_tag").forEach(w -> waiting.add(w.path("rwbs").asText() + " " + w.path("sector").asLong() + " "
                + w.path("queue_time").asText() + " " + w.path("got_request_time").asText()));
        assertThat(waiting).containsExactly("R 127520 659.039644 670.168732", "WS 62144 659.04305 670.172242");
        List<String> hung = new ArrayList<>();
        stall.path("hung_tasks").forEach(h -> hung.add(h.path("pid").asInt() + " " + h.path("job").asText() + " " + h.path("frame").asText()
                + " " + h.path("time").asText()));
        assertThat(hung).containsExactly("8251 stalled-randrw blk_mq_get_tag 666.660695", "8252 stalled-randrw blk_mq_get_tag 666.662079");
    }

    @Test
    void throttled() throws IOException {
        BatchModeTest.Run r = check("throttled");
        assertThat(r.code()).as("throttled is no failure: " + r.err()).isEqualTo(Main.OK);
        JsonNode d = device(r);
        assertThat(d.path("verdict").asText()).isEqualTo("throttled");
        assertThat(d.path("requests").asInt()).isEqualTo(263);
        assertThat(d.path("completed").asInt()).isEqualTo(263);
        assertThat(d.path("stall").isNull()).isTrue();
        // the device was prompt (max D2C 0.396 ms) while fio waited ~250 ms per write: the throttle held the bios above it
        assertThat(d.path("latency_us").path("d2c").path("max").asLong()).isEqualTo(396);
        assertThat(d.path("evidence").get(0).asText()).contains("fio job throttled-randwrite").contains("before the block layer queued them")
                .contains("260 of 263 bios were queued by kworker threads");
    }

    @Test
    void blockedAbove() throws IOException {
        BatchModeTest.Run r = check("blocked-above");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.STALLED);
        JsonNode d = device(r);
        assertThat(d.path("verdict").asText()).isEqualTo("blocked-above");
        // TRUTH.md: 5 R + 613 W + 400 flushes, all completed (empty flushes complete at sector (sector_t)-1)
        assertThat(d.path("requests").asInt()).isEqualTo(1018);
        assertThat(d.path("completed").asInt()).isEqualTo(1018);
        assertThat(d.path("stall").isNull()).isTrue();
        List<String> hung = new ArrayList<>();
        d.path("hung_tasks").forEach(h -> hung.add(h.path("pid").asInt() + " " + h.path("job").asText() + " " + h.path("stack")));
        assertThat(hung).containsExactly("9019 frozen-writer [\"percpu_rwsem_wait\",\"__percpu_down_read\",\"vfs_write\"]",
                "9020 frozen-writer [\"percpu_rwsem_wait\",\"__percpu_down_read\",\"vfs_write\"]");
        assertThat(d.path("evidence").get(0).asText()).contains("while 7:0 had nothing in flight").contains("the wait is above the block layer");
    }
}
