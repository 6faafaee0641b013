package io.virtblk.shell.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtblk.shell.sources.LoadTargets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code capture} says and does before it may change anything, on a machine that lacks
 * what it needs (a made-up one in a temporary folder: not root, no tracefs, no such device),
 * and how a bundle folder is read back. These run anywhere; the real captures are in
 * {@link CaptureEndToEndTest}.
 */
class CapturePreflightTest {

    @TempDir
    Path dir;

    /** A machine in {@code dir}: user 1000, a kernel without tracefs, one block device loop0 (7:0), no /dev/kmsg. */
    private Host poorMachine() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        Files.writeString(dir.resolve("proc/filesystems"), "nodev\tsysfs\nnodev\tproc\n\text4\n");
        Path loop = Files.createDirectories(dir.resolve("sys/class/block/loop0"));
        Files.writeString(loop.resolve("dev"), "7:0\n");
        return new Host(dir.resolve("sys/kernel/tracing"), Files.createDirectories(dir.resolve("proc/sys/kernel")),
                dir.resolve("sys/class/block"), dir.resolve("dev/kmsg"), dir.resolve("proc"));
    }

    private record Result(int code, String err) {
    }

    private Result capture(Host host, String... args) {
        StringWriter err = new StringWriter();
        int code = new Capture(host, CaptureOptions.parse(args), new PrintWriter(err, true), System.out, System.err, false).run();
        return new Result(code, err.toString());
    }

    @Test
    void everyMissingPieceIsSaidAtOnceWithWhatToDoAndNothingIsChanged() throws Exception {
        Host host = poorMachine();
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Result r = capture(host, "--device", "/dev/no-such-disk", "--device", "9:9", "--hung-task-timeout", "5", "--out", taken.toString(),
                "--", "no-such-program-here", "x");
        assertEquals(1, r.code());
        String e = r.err();
        assertTrue(e.startsWith("capture: cannot start, nothing was changed:"), e);
        for (String said : List.of("must run as root", "run it with sudo", "tracefs is not mounted at " + host.tracing(),
                "--device /dev/no-such-disk: /dev/no-such-disk does not exist", "--device 9:9: no block device has the number 9:9",
                "--hung-task-timeout: " + host.hungTaskTimeout() + " is missing", "cannot read the kernel log at " + host.kmsg(),
                "--out " + taken + " exists and is not an empty folder", "the command 'no-such-program-here' is not on the PATH")) {
            assertTrue(e.contains(said), () -> "missing '" + said + "' in:\n" + e);
        }
        assertEquals(List.of("notes.txt"), Files.list(taken).map(p -> p.getFileName().toString()).toList(), "the folder untouched");
        assertFalse(Files.exists(host.tracing()), "no tracefs made or mounted");
    }

    @Test
    void aFreshOutFolderIsNotMadeWhenTheCaptureCannotStart() throws Exception {
        Host host = poorMachine();
        Path out = dir.resolve("new-bundle");
        Result r = capture(host, "--device", "loop0", "--out", out.toString(), "--", "true");
        assertEquals(1, r.code());
        assertFalse(r.err().contains("--device"), "loop0 exists on that machine: " + r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void devicesResolveByPathNameAndNumberToTheTracepointsDevT() throws Exception {
        Host host = poorMachine();
        BlockDevice byName = BlockDevice.resolve(host, "loop0");
        assertEquals(new BlockDevice("loop0", 7, 0), byName);
        assertEquals(byName, BlockDevice.resolve(host, "7:0"));
        assertEquals(7L << 20, byName.devT(), "the kernel's dev_t, as the block tracepoints' dev field holds it");
        Preflight.Plan plan = new Preflight.Plan(List.of(byName, new BlockDevice("nvme0n1", 259, 1)), false, List.of(), List.of());
        assertEquals("dev == 7340032 || dev == 271581185", plan.filter());
        assertEquals(null, new Preflight.Plan(List.of(), false, List.of(), List.of()).filter(), "no --device: every device");
    }

    @Test
    void aPartitionIsRecordedAsItsDiskAndAStackedDeviceWithTheDevicesUnderIt() throws Exception {
        Host host = poorMachine();
        // sysfs as the kernel lays it out: /sys/class/block/NAME links into /sys/devices, a partition inside its disk
        Path devices = Files.createDirectories(dir.resolve("sys/devices/virtual/block"));
        Path sda = Files.createDirectories(dir.resolve("sys/devices/pci/sda"));
        Files.writeString(sda.resolve("dev"), "8:0\n");
        Path sda1 = Files.createDirectories(sda.resolve("sda1"));
        Files.writeString(sda1.resolve("dev"), "8:1\n");
        Files.writeString(sda1.resolve("partition"), "1\n");
        Path dm = Files.createDirectories(devices.resolve("dm-0"));
        Files.writeString(dm.resolve("dev"), "253:0\n");
        Files.createDirectories(dm.resolve("slaves"));
        Files.createSymbolicLink(dm.resolve("slaves/sda1"), sda1);
        for (Path p : List.of(sda, sda1, dm)) {
            Files.createSymbolicLink(host.blocks().resolve(p.getFileName()), p);
        }
        var part = BlockDevice.recorded(host, BlockDevice.resolve(host, "sda1"));
        assertEquals(List.of(new BlockDevice("sda", 8, 0)), List.copyOf(part.keySet()));
        assertTrue(part.values().iterator().next().contains("sda1 is a partition of sda"));
        var stacked = BlockDevice.recorded(host, BlockDevice.resolve(host, "253:0"));
        assertEquals(List.of(new BlockDevice("dm-0", 253, 0), new BlockDevice("sda", 8, 0)), List.copyOf(stacked.keySet()));
    }

    @Test
    void usageErrorsExit2AndSayTheSynopsis() {
        for (List<String> args : List.of(List.of("--device", "loop0"), List.of("--hung-task-timeout", "soon", "--", "true"),
                List.of("--hung-task-timeout", "0", "--", "true"), List.of("--bogus", "--", "true"), List.of("--events", ",", "--", "true"),
                List.of("--out"))) {
            StringWriter err = new StringWriter();
            assertEquals(2, Capture.run(args.toArray(String[]::new), new PrintWriter(err, true), false), args::toString);
            assertTrue(err.toString().startsWith("capture: "), err::toString);
        }
        CaptureOptions o = CaptureOptions.parse(new String[] {"--events", "block_rq_issue, block_rq_complete", "fio", "--name=x"});
        assertEquals(List.of("block_rq_issue", "block_rq_complete"), o.events());
        assertEquals(List.of("fio", "--name=x"), o.command(), "the command may follow without --, its options its own");
        assertFalse(o.defaultEvents());
    }

    @Test
    void aChoiceFileIsReadAsItsChosenValue() {
        assertEquals("perf", Changes.currentValue("local global counter uptime [perf] mono"));
        assertEquals("120", Changes.currentValue("120"));
        assertEquals("none", Changes.currentValue("none"));
    }

    @Test
    void theClockNearestTheKernelLogIsChosenPreferringPrintksOwnAmongTies() {
        List<ClockProbe.Measured> m = List.of(new ClockProbe.Measured("local", -0.0292, 0.0002),
                new ClockProbe.Measured("global", -0.00003, 0.0001), new ClockProbe.Measured("perf", 0.000004, 0.00006),
                new ClockProbe.Measured("mono", 0.00145, 0.0001));
        assertEquals("perf", ClockProbe.choose(m));
        assertEquals("global", ClockProbe.choose(List.of(new ClockProbe.Measured("local", 0.03, 0.0), new ClockProbe.Measured("global", 0.0001, 0.0))));
        assertEquals("local", ClockProbe.choose(List.of(new ClockProbe.Measured("perf", Double.NaN, Double.NaN))), "none measured: the kernel's default");
    }

    @Test
    void aKmsgRecordBecomesADmesgLine() {
        KernelLog.Record r = KernelLog.Record.parse("6,1234,1087061234,-;INFO: task fio:6339 blocked for more than 5 seconds.\n SUBSYSTEM=x\n");
        assertEquals(1087061234L, r.micros());
        assertEquals(1234L, r.seq(), "the sequence number: a gap is lines the ring dropped before they were read");
        assertEquals("INFO: task fio:6339 blocked for more than 5 seconds.", r.text());
        assertEquals("a b tab", KernelLog.Record.parse("4,1,2,-;a\\x07b\\x09tab").text(), "control bytes as spaces: one record, one line");
        assertEquals("caf\u00e9", KernelLog.Record.parse("4,1,2,-;caf\u00e9").text());
        assertEquals("D2C 5 \u00b5s", KernelLog.Record.parse("4,1,2,-;D2C 5 \\xc2\\xb5s").text(), "escaped UTF-8 bytes make one character");
    }

    @Test
    void theTraceBufferHoldsABurstWithoutTakingTheMachinesMemory() {
        assertEquals(TraceInstance.BUFFER_KB, TraceInstance.bufferFor(16L << 20, 2), "16 GiB, 2 CPUs: 8 MiB each");
        assertEquals(4096, TraceInstance.bufferFor(16L << 20, 128), "16 GiB, 128 CPUs: 512 MiB in all at most");
        assertEquals(TraceInstance.MIN_BUFFER_KB, TraceInstance.bufferFor(512L << 10, 64), "little memory: 1 MiB each still");
    }

    @Test
    void aFolderOfBundlesLoadsEachAsItsInputs() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        for (String c : List.of("one", "two")) {
            Path b = Files.createDirectories(cases.resolve(c));
            for (String f : List.of("capture.json", "trace.txt", "kern.log")) {
                Files.writeString(b.resolve(f), "x\n");
            }
        }
        Files.writeString(cases.resolve("notes.log"), "kept as a file of its own, in path order\n");
        assertEquals(List.of(cases.resolve("notes.log").toString(), "block:" + cases.resolve("one/trace.txt"), "kernel:" + cases.resolve("one/kern.log"),
                        "block:" + cases.resolve("two/trace.txt"), "kernel:" + cases.resolve("two/kern.log")),
                LoadTargets.expand(cases.toString()).stream().map(LoadTargets.Target::spec).toList());
    }

    @Test
    void aBundleFolderLoadsAsItsInputsWithTheirFormats() throws Exception {
        Path b = Files.createDirectories(dir.resolve("bundle"));
        for (String f : List.of("capture.json", "trace.txt", "kern.log", "stderr.txt")) {
            Files.writeString(b.resolve(f), "");
        }
        Files.writeString(b.resolve("stdout.txt"), "fio-3.33\n");
        Files.writeString(b.resolve("TRUTH.md"), "# notes beside it are not inputs\n");
        assertEquals(List.of("block:" + b.resolve("trace.txt"), "kernel:" + b.resolve("kern.log"), b.resolve("stdout.txt").toString()),
                LoadTargets.expand(b.toString()).stream().map(LoadTargets.Target::spec).toList());
        Files.delete(b.resolve("capture.json"));
        assertEquals(5, LoadTargets.expand(b.toString()).size(), "without capture.json a folder is every file in it");
    }
}
