package io.virtblk.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.virtblk.TestInputs;
import io.virtblk.load.InputFormat;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipe, a FIFO, {@code /dev/stdin} or {@code <(...)} can be read once only: the format is told
 * from the same stream that is parsed (the loader used to open the file twice, so a piped copy
 * of the sample loaded as 0 lines and a FIFO with one writer hung).
 */
class ReadOnceTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoWithOneWriterLoadsLikeTheFile() throws Exception {
        Path sample = TestInputs.sample("000_session.txt");
        LoadedSource file = new SourceLoader(2016).load(sample.toString());
        Path fifo = fifo("session.fifo");
        CompletableFuture<Void> writer = writeOnce(fifo, Files.readAllBytes(sample));
        LoadedSource piped = new SourceLoader(2016).load(fifo.toString());
        writer.get(30, TimeUnit.SECONDS);
        assertThat(piped.format()).isEqualTo(InputFormat.TRANSCRIPT);
        assertThat(piped.lines()).isEqualTo(file.lines()).isEqualTo(110);
        assertThat(piped.eventsByType()).isEqualTo(file.eventsByType());
        assertThat(piped.accountedFor()).isTrue();
        assertThat(piped.checksum()).isEqualTo(file.checksum());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPipeIsSpooledSoItsLinesCanBeReadBack() throws Exception {
        Path sample = TestInputs.sample("000_session.txt");
        Path fifo = fifo("spooled.fifo");
        Path spool = dir.resolve("spool");
        CompletableFuture<Void> writer = writeOnce(fifo, Files.readAllBytes(sample));
        java.util.Map<Integer, Long> offsets = new java.util.TreeMap<>();
        LoadedSource s = new SourceLoader(2016).stream(SourceLoader.Spec.parse(fifo.toString()),
                (e, offset) -> offsets.put(e.at().line(), offset), spool);
        writer.get(30, TimeUnit.SECONDS);
        assertThat(s.readBack().spool()).isTrue();
        assertThat(s.readBack().file()).isEqualTo(spool.toString());
        assertThat(Files.readString(spool)).isEqualTo(Files.readString(sample));
        List<String> lines = Files.readAllLines(sample);
        assertThat(offsets).hasSizeGreaterThan(40);
        for (var at : offsets.entrySet()) {
            try (var in = Files.newInputStream(spool)) {
                in.skipNBytes(at.getValue());
                assertThat(new LineReader("spool", in, new java.util.ArrayList<>()).next().text()).isEqualTo(lines.get(at.getKey() - 1));
            }
        }
    }

    @Test
    void aRegularFileIsReadBackFromItselfByItsRealPath() throws IOException {
        Path f = dir.resolve("k.log");
        Files.writeString(f, "Nov 11 04:25:30 vm kernel: [1.000001] hello\n");
        Path link = dir.resolve("link.log");
        Files.createSymbolicLink(link, f);
        LoadedSource s = new SourceLoader(2016).stream(SourceLoader.Spec.parse(link.toString()), (e, o) -> { }, dir.resolve("unused"));
        assertThat(s.readBack().original()).isTrue();
        assertThat(s.readBack().file()).isEqualTo(f.toRealPath().toString());
        assertThat(s.path()).isEqualTo(link.toString());
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeThat(p.waitFor()).as("mkfifo works here").isZero();
        return fifo;
    }

    /** One writer: opens the FIFO (blocking until the loader opens it), writes, closes. */
    private static CompletableFuture<Void> writeOnce(Path fifo, byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
