package io.virtblk.shell.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the end-to-end capture tests need from the machine (root, tracefs, loop devices, fio,
 * FUSE), each missing piece said as a reason; and the readings of every setting a capture may
 * change, to compare before and after.
 */
final class Machine {

    static final Path TRACING = Path.of("/sys/kernel/tracing");

    private Machine() {
    }

    /** Why the capture cannot be tried here; empty when it can. */
    static List<String> missingForCapture() {
        List<String> why = new ArrayList<>();
        if (Host.local().uid().orElse(-1) != 0) {
            why.add("not root");
        }
        if (!Host.local().tracefsMounted() && !Host.local().tracefsMountable()) {
            why.add("no tracefs");
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            why.add("no loop devices (/dev/loop-control)");
        }
        for (String tool : List.of("losetup", "fio", "cat", "mount")) {
            if (!Preflight.executable(tool)) {
                why.add("no " + tool + " on the PATH");
            }
        }
        return why;
    }

    /** Why the gated FUSE stall cannot be made here; empty when it can. */
    static List<String> missingForStall() {
        List<String> why = missingForCapture();
        if (!Files.exists(Path.of("/dev/fuse"))) {
            why.add("no /dev/fuse");
        }
        if (!Files.exists(gatedfs())) {
            why.add("no " + gatedfs());
        }
        try {
            if (run(List.of("/usr/bin/python3", "-c", "import fusepy"), 20) != 0) {
                why.add("no python3-fusepy for /usr/bin/python3 (apt-get install python3-fusepy)");
            }
        } catch (IOException e) {
            why.add("no /usr/bin/python3");
        }
        return why;
    }

    /** A sparse file of {@code mib} MiB, a loop device's backing store. */
    static Path sparseFile(Path file, int mib) throws IOException {
        try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((long) mib << 20);
        }
        return file;
    }

    static Path gatedfs() {
        return Path.of("..", "bench", "gatedfs.py").toAbsolutePath().normalize();
    }

    static int run(List<String> command, int seconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String output(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + ": " + s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /**
     * Every setting a capture may change, as text: the hung-task detector, whether tracefs is
     * mounted, its instances, and the top-level tracing state and block tracepoints (which a
     * capture must never touch: it works in its own instance).
     */
    static TreeMap<String, String> settings() throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : List.of("hung_task_timeout_secs", "hung_task_warnings")) {
            m.put(k, Host.read(Path.of("/proc/sys/kernel", k)));
        }
        boolean mounted = Files.readString(Path.of("/proc/mounts")).lines().anyMatch(l -> l.contains(" " + TRACING + " tracefs "));
        m.put("tracefs mounted", Boolean.toString(mounted));
        if (mounted) {
            try (var s = Files.list(TRACING.resolve("instances"))) {
                m.put("instances", String.join(" ", s.map(p -> p.getFileName().toString()).sorted().toList()));
            }
            for (String f : List.of("tracing_on", "current_tracer", "trace_clock", "buffer_size_kb", "set_event", "tracing_cpumask")) {
                m.put(f, Host.read(TRACING.resolve(f)));
            }
            try (var s = Files.list(TRACING.resolve("events/block"))) {
                for (Path e : s.filter(Files::isDirectory).sorted().toList()) {
                    m.put("block/" + e.getFileName() + " enable", Host.read(e.resolve("enable")));
                    m.put("block/" + e.getFileName() + " filter", Host.read(e.resolve("filter")));
                }
            }
        }
        return m;
    }

    /** A loop device over a sparse or given file, detached on close. */
    static final class Loop implements AutoCloseable {
        final String device;
        final String name;

        Loop(Path backing) throws IOException {
            device = output(List.of("losetup", "-f", "--show", backing.toString()));
            name = Path.of(device).getFileName().toString();
        }

        int inFlight() throws IOException {
            int sum = 0;
            for (String n : Host.read(Path.of("/sys/block", name, "inflight")).split("\\s+")) {
                sum += Integer.parseInt(n);
            }
            return sum;
        }

        @Override
        public void close() throws IOException {
            run(List.of("losetup", "-d", device), 30);
        }
    }

    /** A setting of /sys changed for a test and put back on close. */
    static final class Setting implements AutoCloseable {
        private final Path file;
        private final String before;

        Setting(Path file, String value) throws IOException {
            this.file = file;
            this.before = Host.read(file);
            Files.writeString(file, value);
        }

        @Override
        public void close() throws IOException {
            Files.writeString(file, before);
        }
    }

    /** bench/gatedfs.py mounted: while the gate file exists, the backing file's reads and writes wait. */
    static final class GatedFuse implements AutoCloseable {
        final Path mount;
        final Path gate;
        private final Process daemon;

        GatedFuse(Path dir) throws IOException, InterruptedException {
            Path backing = Files.createDirectories(dir.resolve("backing"));
            mount = Files.createDirectories(dir.resolve("mnt"));
            gate = dir.resolve("gate");
            sparseFile(backing.resolve("disk.img"), 64);
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", gatedfs().toString(), backing.toString(), mount.toString(),
                    gate.toString(), dir.resolve("gate.log").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("gatedfs.out").toFile());
            pb.environment().put("GATEDFS_DELAY_MS", "3");
            daemon = pb.start();
            for (int i = 0; i < 100 && !Files.exists(mount.resolve("disk.img")); i++) {
                Thread.sleep(100);
            }
            if (!Files.exists(mount.resolve("disk.img"))) {
                close();
                throw new IOException("gatedfs did not mount: " + Files.readString(dir.resolve("gatedfs.out")));
            }
        }

        void gate(boolean closed) throws IOException {
            if (closed) {
                Files.writeString(gate, "");
            } else {
                Files.deleteIfExists(gate);
            }
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(gate);
            if (run(List.of("umount", mount.toString()), 30) != 0) {
                run(List.of("umount", "-l", mount.toString()), 30);
            }
            daemon.destroy();
            try {
                daemon.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
