package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.virtblk.shell.BatchModeTest.Run;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user, or an attacker, hands {@code check} and the shell that is not a plain UTF-8 file:
 * each gives the verdict the plain sample gives, or exit 1 with the reason; never a wrong
 * "nothing wrong", never an internal error.
 */
class HostileInputsTest {

    @TempDir
    Path dir;

    private static Path sample() {
        return Path.of(BatchModeTest.sample());
    }

    @Test
    void thePlainSampleStalls() {
        assertThat(BatchModeTest.runCheck(sample().toString()).code()).isEqualTo(Main.STALLED);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoOfTheSampleStallsLikeTheSample() throws Exception {
        Path fifo = dir.resolve("sample.fifo");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] bytes = Files.readAllBytes(sample());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // on disk, to show a pipe is not cached by path (nor left behind)
        Path cache = dir.resolve("cache");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"check", "--cache", cache.toString(), fifo.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter(), true));
        writer.get(30, TimeUnit.SECONDS);
        assertThat(code).isEqualTo(Main.STALLED);
        assertThat(out.toString()).contains("STALLED");
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("."));
        }
        try (var tmp = Files.list(cache.resolve(".tmp"))) {
            assertThat(tmp).as("the session's index of the pipe goes with the session").isEmpty();
        }
    }

    @Test
    void crOnlyLineEndsStallLikeTheSample() throws IOException {
        Path f = dir.resolve("cr.txt");
        Files.writeString(f, Files.readString(sample()).replace('\n', '\r'));
        assertThat(BatchModeTest.runCheck(f.toString()).code()).isEqualTo(Main.STALLED);
    }

    @Test
    void utf16StallsLikeTheSample() throws IOException {
        Path f = dir.resolve("u16.txt");
        Files.write(f, Files.readString(sample()).getBytes(StandardCharsets.UTF_16));
        assertThat(BatchModeTest.runCheck(f.toString()).code()).isEqualTo(Main.STALLED);
    }

    @Test
    void randomBytesAreExitOneWithTheReason() throws IOException {
        Path f = dir.resolve("random.bin");
        byte[] b = new byte[200_000];
        new Random(7).nextBytes(b);
        Files.write(f, b);
        Run r = BatchModeTest.runCheck(f.toString());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).startsWith("check: " + f + ": not text: ").contains("force a format");
    }

    @Test
    void textThatIsNoKnownFormatIsExitOneNotNothingWrong() throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "we saw the VM freeze around 04:25\nnothing in dmesg\n");
        Run r = BatchModeTest.runCheck(f.toString());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains(f + ": cannot tell what this is");
        assertThat(BatchModeTest.runCheck(f.toString(), sample().toString()).code()).as("beside a file it reads, notes are fine")
                .isEqualTo(Main.STALLED);
    }

    @Test
    void aFileWhoseNameStartsWithADashLoadsAfterDoubleDash() throws IOException {
        Path f = dir.resolve("-odd.log");
        Files.writeString(f, "Nov 11 04:25:30 vm kernel: [1.000001] hello\n");
        // relative to nothing: the name itself starts with '-'
        Run shell = BatchModeTest.run("-c", "load -- " + f, "--", f.toString());
        assertThat(shell.code()).as(shell.err()).isZero();
        assertThat(shell.out()).contains(f + ": kernel, 1 lines");
        assertThat(BatchModeTest.run("-c", "count *:*", "--", f.toString()).out().lines().toList().getLast()).isEqualTo("1");
        Run unknown = BatchModeTest.run("--odd");
        assertThat(unknown.code()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("a file whose name starts with '-' goes after --");
    }

    @Test
    void limitsAreOptionsOfTheShellAndOfCheck() throws IOException {
        Path f = dir.resolve("long.log");
        Files.writeString(f, "Nov 11 04:25:30 vm kernel: [1.000001] " + "x".repeat(5000) + "\n");
        Run r = BatchModeTest.run("--max-line", "2K", "-c", "sources " + f + " --json", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("over the limit of 2 KiB (--max-line)");
        Run bad = BatchModeTest.runCheck("--max-line", "lots", f.toString());
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).isEqualTo("check: --max-line: not a size: 'lots'; write bytes or a number with K, M or G, e.g. 4M\n");
    }

    @Test
    void exportRefusesToWriteOverALoadedInput() throws IOException {
        Path f = dir.resolve("kern.log");
        String text = "Nov 11 04:25:30 vm kernel: [1.000001] hello\n";
        Files.writeString(f, text);
        Run r = BatchModeTest.run("-c", "export csv " + f + " *:*", f.toString());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("export: " + f + " is the loaded input " + f + "; writing over it would lose it");
        assertThat(Files.readString(f)).isEqualTo(text);
    }

    @Test
    void aLogRewrittenWhileLoadedIsSaidNotShownWrong() throws IOException {
        Path f = dir.resolve("kern.log");
        Files.writeString(f, "Nov 11 04:25:30 vm kernel: [1.000001] first\nNov 11 04:25:30 vm kernel: [1.000002] second\n");
        // rewritten between the load and the query, as a log rotation or an editor would
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Session session = new Session(new PrintWriter(out), new PrintWriter(err, true))) {
            Commands table = new Commands();
            table.execute("load " + f, session);
            Files.writeString(f, "Nov 11 04:25:30 vm kernel: [1.000001] FIRST\nNov 11 04:25:30 vm kernel: [1.000002] SECOND\n");
            try {
                table.execute("query *:*", session);
            } catch (CommandException e) {
                err.write(e.getMessage());
            }
        }
        assertThat(out.toString()).doesNotContain("FIRST").doesNotContain("SECOND");
        assertThat(err.toString()).contains(f + " changed since it was loaded").contains("load it again");
    }
}
