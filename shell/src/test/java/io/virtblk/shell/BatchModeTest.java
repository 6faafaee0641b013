package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtblk-shell -c CMD ... [FILE ...]}: commands run in order without a prompt; exit 0
 * when all succeed, 1 when one fails (message on stderr), 2 on a usage error. Output of the
 * JSON forms is parsed back, and its field names are the ones issue 2 promises.
 */
public class BatchModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Run(int code, String out, String err) {
    }

    /** Runs with indexes in memory, so tests neither read nor leave a cache. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "--memory";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code virtblk-shell check --memory ARGS}. */
    static Run runCheck(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "check";
        all[1] = "--memory";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String sample() {
        String root = System.getProperty("virtblk.root", "..");
        return Path.of(root, "samples", "000_session.txt").toString();
    }

    @Test
    void loadPrintsFormatLinesEventsByTypeRawLinesAndDiagnostics() {
        Run r = run("-c", "load " + sample());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(sample() + ": transcript, 110 lines, 56 events, 0 raw lines, 0 diagnostics")
                .contains("engage=8").contains("ioctl=4").contains("fio_result=2");
    }

    @Test
    void sourcesJsonHasTheContractFields() throws IOException {
        Run r = run("-c", "sources --json", sample());
        assertThat(r.code()).isZero();
        String json = r.out().substring(r.out().indexOf("[ {"));
        JsonNode s = JSON.readTree(json).get(0);
        assertThat(s.get("source").asText()).isEqualTo(sample());
        assertThat(s.get("format").asText()).isEqualTo("transcript");
        assertThat(s.get("lines").asInt()).isEqualTo(110);
        assertThat(s.get("events").asInt()).isEqualTo(56);
        assertThat(s.get("raw_lines").asInt()).isZero();
        assertThat(s.get("structural_lines").asInt()).isEqualTo(16);
        assertThat(s.get("diagnostics").isArray()).isTrue();
    }

    @Test
    void sourcesJsonListsDiagnosticsWithLineColumnAndMessage(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("kern.log");
        Files.writeString(bad, "Nov 11 04:25:30 vm kernel: [1.0] ok\nno stamp here\n");
        Run r = run("-c", "load " + bad, "-c", "sources --json");
        JsonNode d = JSON.readTree(r.out().substring(r.out().indexOf("[ {"))).get(0).get("diagnostics").get(0);
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("column").asInt()).isEqualTo(1);
        assertThat(d.get("message").asText()).startsWith("expected a syslog line");
        assertThat(r.out()).contains(bad + ":2:1: expected a syslog line");
    }

    @Test
    void jobsJsonHasEveryPromisedFieldInBytesAndMicroseconds() throws IOException {
        Run r = run("-c", "jobs --json", sample());
        assertThat(r.code()).isZero();
        JsonNode jobs = JSON.readTree(r.out().substring(r.out().indexOf("[ {")));
        assertThat(jobs).hasSize(2);
        JsonNode j = jobs.get(0);
        for (String field : new String[] {"job", "group", "rw", "dir", "fio_version", "err", "pid", "start_time", "io_bytes",
            "bw_bytes_per_s", "iops", "runtime_ms", "slat_us", "clat_us", "lat_us", "clat_percentiles_us", "lat_buckets", "cpu",
            "io_depths", "issued", "disk_stats"}) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("job").asText()).isEqualTo("virtblkiofio-00-read");
        assertThat(j.get("rw").asText()).isEqualTo("randread");
        assertThat(j.get("dir").asText()).isEqualTo("read");
        assertThat(j.get("fio_version").asText()).isEqualTo("2.2.10");
        assertThat(j.get("start_time").asText()).isEqualTo("2016-11-11T04:25:30");
        assertThat(j.get("io_bytes").asLong()).isEqualTo(33554432L);
        assertThat(j.get("bw_bytes_per_s").asLong()).isEqualTo(174763008L);
        assertThat(j.get("iops").asDouble()).isEqualTo(42666.0);
        assertThat(j.get("runtime_ms").asLong()).isEqualTo(192L);
        assertThat(j.get("clat_us").get("avg").asDouble()).isEqualTo(350.52);
        assertThat(j.get("clat_percentiles_us").get("99.00").asDouble()).isEqualTo(510.0);
        assertThat(j.get("cpu").get("ctx").asLong()).isEqualTo(8149L);
        assertThat(j.get("issued").get("total").get(0).asLong()).isEqualTo(8192L);
        assertThat(j.get("disk_stats").get("device").asText()).isEqualTo("virtblkiosim");
        assertThat(j.get("disk_stats").get("ios").get(0).asLong()).isEqualTo(5752L);
        assertThat(j.get("disk_stats").get("util").asDouble()).isEqualTo(20.25);
        assertThat(jobs.get(1).get("dir").asText()).isEqualTo("write");
        assertThat(jobs.get(1).get("disk_stats").get("ios").get(1).asLong()).isEqualTo(5837L);
    }

    @Test
    void eventsFilterByTypeAndLimit() throws IOException {
        Run r = run("-c", "events --type ioctl --json", sample());
        JsonNode events = JSON.readTree(r.out().substring(r.out().indexOf("[ {")));
        assertThat(events).hasSize(4);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ioctl");
        assertThat(events.get(0).get("line").asInt()).isEqualTo(38);
        assertThat(events.get(0).get("fields").get("ioctl.name").asText()).isEqualTo("BLKFLSBUF");
        assertThat(events.get(0).get("fields").get("ioctl.cmd").asText()).isEqualTo("0x00001261");
        assertThat(events.get(0).get("fields").get("mono").asDouble()).isEqualTo(67315.571938);
        assertThat(events.get(0).get("raw").asText()).endsWith("===> arg: 140050596167680");
        Run limited = run("-c", "events --type engage,release --limit 3", sample());
        assertThat(limited.out().lines().filter(l -> l.contains("  engage ") || l.contains("  release "))).hasSize(3);
        assertThat(limited.out()).contains("... 11 more (use --limit N)");
    }

    @Test
    void commandsRunInOrderAndExitZero() {
        Run r = run("-c", "load " + sample(), "-c", "jobs");
        assertThat(r.code()).isZero();
        assertThat(r.out().indexOf("transcript, 110 lines")).isLessThan(r.out().indexOf("virtblkiofio-00-read"));
    }

    @Test
    void aFailingCommandExitsOneWithItsMessageOnStderr() {
        Run r = run("-c", "load /no/such/file.log", "-c", "jobs");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("load: /no/such/file.log: no such file");
        assertThat(r.out()).doesNotContain("no fio job results");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--bogus").code()).isEqualTo(2);
        assertThat(run("-c").code()).isEqualTo(2);
        Run unknown = run("-c", "lod x");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command: lod").contains("did you mean load");
        Run option = run("-c", "jobs --jsn");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("unknown option: --jsn").contains("--json");
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("-c", "help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("load [FORMAT:]FILE...").contains("sources").contains("jobs [--json]").contains("events [--type");
        Run one = run("-c", "help events");
        assertThat(one.out()).contains("examples:").contains("events --type ioctl");
    }
}
