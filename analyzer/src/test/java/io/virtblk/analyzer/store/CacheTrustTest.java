package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.input.Diagnostic;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache is trusted only as far as it is checked: an index whose files fail their checksums
 * is made again, saying why; one file is one entry however it is named; a file that changed
 * after it was loaded is not read back as if it had not; a value too long for the index is cut,
 * not fatal.
 */
class CacheTrustTest {

    private static final String ENGAGE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";
    private static final String RELEASE = "Nov 11 04:25:31 vm kernel: [67316.455932] virtblkiosim: Device release: private_data: virtblkiosim\n";

    @TempDir
    Path dir;

    private Path log(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void anIndexWithFlippedBytesIsMadeAgainSayingWhy() throws IOException {
        Path log = log("kern.log", (ENGAGE + RELEASE).repeat(500) + ENGAGE);
        Path cache = dir.resolve("cache");
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            s.load(log.toString());
        }
        List<Path> docValues;
        try (var files = Files.walk(cache)) {
            docValues = files.filter(p -> p.toString().endsWith(".dvd")).toList();
        }
        assertThat(docValues).isNotEmpty();
        for (Path dvd : docValues) {
            byte[] b = Files.readAllBytes(dvd);
            b[b.length / 2] ^= 0x01; // one bit, as the SET_BLOCK 35,942 -> 35,940 was
            Files.write(dvd, b);
        }
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            SourceIndex again = s.load(log.toString());
            assertThat(again.reused()).isFalse();
            assertThat(again.notes()).singleElement().asString()
                    .startsWith("the cached index was damaged (").endsWith("): made again from the file");
            assertThat(s.stats("*:*", "type")).containsEntry("engage", 501L).containsEntry("release", 500L);
        }
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            SourceIndex third = s.load(log.toString());
            assertThat(third.reused()).as("the index made again is trusted next time").isTrue();
            assertThat(third.notes()).isEmpty();
        }
    }

    /** An index another version of the tool made is never read as this version's: it is made again, saying so (issue 15, point 4). */
    @Test
    void anIndexOfAnotherFormatIsMadeAgainSayingSo() throws IOException {
        Path log = log("kern.log", ENGAGE.repeat(10));
        Path cache = dir.resolve("cache");
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            s.load(log.toString());
        }
        Path meta;
        try (var files = Files.walk(cache)) {
            meta = files.filter(p -> p.getFileName().toString().equals("meta.json")).findFirst().orElseThrow();
        }
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"version\"\\s*:\\s*\\d+", "\"version\":2"));
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            SourceIndex again = s.load(log.toString());
            assertThat(again.reused()).isFalse();
            assertThat(again.notes()).singleElement().asString()
                    .isEqualTo("the cached index was made by an older virtblk-shell (index format 2, this one reads " + IndexMeta.FORMAT
                            + "): made again from the file");
            assertThat(s.count("type:engage")).isEqualTo(10);
        }
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            assertThat(s.load(log.toString()).reused()).isTrue();
        }
    }

    @Test
    void aMissingIndexFileIsMadeAgainNotAnError() throws IOException {
        Path log = log("kern.log", ENGAGE.repeat(10));
        Path cache = dir.resolve("cache");
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            s.load(log.toString());
        }
        try (var files = Files.walk(cache)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".si")).toList()) {
                Files.delete(p);
            }
        }
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            SourceIndex again = s.load(log.toString());
            assertThat(again.notes()).singleElement().asString().startsWith("the cached index was damaged");
            assertThat(s.count("type:engage")).isEqualTo(10);
        }
    }

    @Test
    void aFileByAnyNameIsOneEntryAndTwoFilesOfOneNameAreTwo() throws IOException {
        Path a = log("a/x.log", ENGAGE);
        Path b = log("b/x.log", RELEASE + RELEASE);
        Path link = dir.resolve("link.log");
        Files.createSymbolicLink(link, a);
        Path cache = dir.resolve("cache");
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            s.load(a.toString());
            s.load(b.toString());
        }
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            SourceIndex viaLink = s.load(link.toString());
            SourceIndex viaDots = s.load(dir.resolve("b/../b/x.log").toString());
            assertThat(viaLink.reused()).isTrue();
            assertThat(viaDots.reused()).isTrue();
            assertThat(viaLink.summary().path()).as("shown as the user named it").isEqualTo(link.toString());
            assertThat(viaLink.summary().readBack().file()).as("read back from the file itself").isEqualTo(a.toRealPath().toString());
            assertThat(s.search("source:\"" + link + "\"", 10, new long[1])).singleElement()
                    .satisfies(h -> assertThat(h.raw()).isEqualTo(ENGAGE.strip()));
        }
        assertThat(CachedIndex.list(cache)).hasSize(2);
    }

    @Test
    void aFileRewrittenAfterLoadingIsNotReadBackAsTheOldOne() throws IOException {
        Path log = log("kern.log", ENGAGE + RELEASE);
        try (EventStore s = new EventStore(dir.resolve("cache"), new SourceLoader())) {
            s.load(log.toString());
            Files.writeString(log, RELEASE + ENGAGE); // same size, other lines
            assertThatThrownBy(() -> s.search("type:engage", 10, new long[1]))
                    .isInstanceOf(SourceIndex.SourceChanged.class)
                    .hasMessage(log + " changed since it was loaded (197 bytes then, 197 now, and not only added to): lines read back "
                            + "would not be the lines loaded; load it again");
            assertThatThrownBy(() -> s.context(log.toString(), 1, 1)).isInstanceOf(SourceIndex.SourceChanged.class);
            assertThat(s.count("type:engage")).as("what was indexed can still be counted").isEqualTo(1);
            Files.delete(log);
            assertThatThrownBy(() -> s.search("type:engage", 10, new long[1]))
                    .isInstanceOf(SourceIndex.SourceChanged.class).hasMessageContaining("is gone since it was loaded");
        }
    }

    @Test
    void aLiveLogThatOnlyGrewStillReadsBackRight() throws IOException {
        Path log = log("kern.log", ENGAGE + RELEASE);
        try (EventStore s = new EventStore(dir.resolve("cache"), new SourceLoader())) {
            s.load(log.toString());
            Files.writeString(log, ENGAGE, java.nio.file.StandardOpenOption.APPEND);
            assertThat(s.search("type:release", 10, new long[1])).singleElement().satisfies(h -> assertThat(h.raw()).isEqualTo(RELEASE.strip()));
            assertThat(s.context(log.toString(), 2, 1)).extracting(io.virtblk.input.Line::text).containsExactly(ENGAGE.strip(), RELEASE.strip(),
                    ENGAGE.strip());
        }
    }

    @Test
    void aValueTooLongForTheIndexIsCutSayingSoAndTheFileLoads() throws IOException {
        String host = "h".repeat(40_000);
        Path log = log("kern.log", ENGAGE + ENGAGE.replace(" vm ", " " + host + " "));
        try (EventStore s = new EventStore(dir.resolve("cache"), new SourceLoader())) {
            SourceIndex idx = s.load(log.toString());
            assertThat(s.count("type:engage")).isEqualTo(2);
            assertThat(idx.summary().diagnostics()).extracting(Diagnostic::line, Diagnostic::message).contains(org.assertj.core.groups.Tuple.tuple(2,
                    "host is 40,000 bytes, over the index's limit of 32,766 for one value: its first 32,766 bytes are indexed (the line keeps all of it)"));
            assertThat(s.search("host:" + "h".repeat(32_766), 10, new long[1])).singleElement()
                    .satisfies(h -> assertThat(h.raw()).contains(host));
        }
    }

    @Test
    void twoLoadsOfOneFileIntoOneCacheTakeTurnsAndBothAnswerRight() throws Exception {
        Path log = log("kern.log", (ENGAGE + RELEASE).repeat(20_000));
        Path cache = dir.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Long> load = () -> {
                try (EventStore s = new EventStore(cache, new SourceLoader())) {
                    s.load(log.toString());
                    return s.count("type:engage");
                }
            };
            List<Future<Long>> both = pool.invokeAll(List.of(load, load));
            for (Future<Long> f : both) {
                assertThat(f.get()).isEqualTo(20_000L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CachedIndex.list(cache)).hasSize(1);
    }

    @Test
    void aCacheThatCannotBeWrittenIndexesInMemorySayingSo() throws IOException {
        Path log = log("kern.log", ENGAGE);
        Path notAFolder = log("file", "x");
        try (EventStore s = new EventStore(notAFolder.resolve("cache"), new SourceLoader())) {
            SourceIndex idx = s.load(log.toString());
            assertThat(s.count("type:engage")).isEqualTo(1);
            assertThat(idx.folder()).isNull();
            assertThat(idx.notes()).singleElement().asString().startsWith("the cache folder " + notAFolder.resolve("cache") + " cannot be written (")
                    .endsWith("indexed in memory this time; --cache DIR keeps indexes in another folder");
        }
    }
}
