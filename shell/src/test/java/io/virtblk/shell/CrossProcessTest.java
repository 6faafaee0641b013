package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only separate processes show: the working folder a relative name means, two shells
 * sharing one cache, and a heap smaller than the input. Each runs the real main class in a JVM
 * of its own.
 */
class CrossProcessTest {

    private static final String LINE = "Nov 11 04:25:30 vm kernel: [1.000001] virtblkiosim: Device engage: private_data: virtblkiosim\n";

    @TempDir
    Path dir;

    record Done(int code, String out, String err) {
    }

    /** {@code virtblk-shell ARGS} in a JVM of its own, in folder {@code cwd}. */
    private static Process start(Path cwd, List<String> jvm, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(cwd.toFile()).start();
    }

    private static Done finish(Process p) throws Exception {
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Done(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Done run(Path cwd, String... args) throws Exception {
        return finish(start(cwd, List.of(), args));
    }

    @Test
    void aRelativeNameMeansTheFileInTheFolderItWasTypedIn() throws Exception {
        Path cache = dir.resolve("cache");
        Path top = Files.createDirectories(dir.resolve("d1"));
        Path other = Files.createDirectories(top.resolve("other"));
        Files.writeString(top.resolve("x.log"), LINE.replace("engage", "release"));
        Files.writeString(other.resolve("x.log"), LINE);
        Done first = run(other, "--cache", cache.toString(), "-c", "query *:*", "x.log");
        assertThat(first.out()).as(first.err()).contains("Device engage");
        Done same = run(top, "--cache", cache.toString(), "-c", "query *:*", "-c", "context 0 1@other/x.log", "other/x.log");
        assertThat(same.out()).as("the same file by another name: its index, its lines").contains("reused the index")
                .contains("Device engage").doesNotContain("Device release");
        Done mine = run(top, "--cache", cache.toString(), "-c", "query *:*", "x.log");
        assertThat(mine.out()).as("the other file of the same name").contains("Device release").doesNotContain("Device engage")
                .doesNotContain("reused the index");
    }

    @Test
    void twoShellsLoadingOneFileIntoOneCacheBothAnswerRight() throws Exception {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, LINE.repeat(150_000));
        Path cache = dir.resolve("cache");
        Process a = start(dir, List.of(), "--cache", cache.toString(), "-c", "count type:engage", log.toString());
        Process b = start(dir, List.of(), "--cache", cache.toString(), "-c", "count type:engage", log.toString());
        Done da = finish(a);
        Done db = finish(b);
        assertThat(da.code()).as(da.err()).isZero();
        assertThat(db.code()).as(db.err()).isZero();
        assertThat(da.out().lines().toList().getLast()).isEqualTo("150000");
        assertThat(db.out().lines().toList().getLast()).isEqualTo("150000");
        assertThat(da.out() + db.out()).as("one built, the other reused what it built").contains("reused the index");
        try (var entries = Files.list(cache)) {
            assertThat(entries.filter(p -> !p.getFileName().toString().startsWith("."))).hasSize(1);
        }
    }

    @Test
    void aQuarterGigabyteLineInASmallHeapIsCutNotFatal() throws Exception {
        Path gz = dir.resolve("zeros.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros);
            }
        }
        Done d = finish(start(dir, List.of("-Xmx96m"), "--memory", "-c", "sources " + gz + " --json", "kernel:" + gz));
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.err()).doesNotContain("OutOfMemoryError");
        assertThat(d.out()).contains("over the limit of 4 MiB (--max-line)");
    }
}
