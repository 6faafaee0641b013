package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache: an unchanged file reuses its index; any change to size, time or content rebuilds it. */
class CacheTest {

    @TempDir
    Path dir;

    private static final String LINE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";

    @Test
    void anUnchangedFileReusesItsIndex() throws IOException {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, LINE.repeat(3));
        Path cache = dir.resolve("cache");
        try (EventStore first = new EventStore(cache, new SourceLoader())) {
            assertThat(first.load(log.toString()).reused()).isFalse();
        }
        try (EventStore second = new EventStore(cache, new SourceLoader())) {
            SourceIndex again = second.load(log.toString());
            assertThat(again.reused()).isTrue();
            assertThat(second.count("type:engage")).isEqualTo(3);
            assertThat(again.summary().lines()).isEqualTo(3);
        }
    }

    @Test
    void sameSizeAndTimeButOtherContentIsRebuilt() throws IOException {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, LINE);
        FileTime time = Files.getLastModifiedTime(log);
        Path cache = dir.resolve("cache");
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            s.load(log.toString());
        }
        Files.writeString(log, LINE.replace("engage", "releas"));
        Files.setLastModifiedTime(log, time);
        try (EventStore s = new EventStore(cache, new SourceLoader())) {
            assertThat(s.load(log.toString()).reused()).isFalse();
            assertThat(s.count("type:engage")).isZero();
        }
    }

    @Test
    void unloadAndResetDropSources() throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.writeString(a, LINE);
        Files.writeString(b, LINE + LINE);
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(a.toString());
            s.load(b.toString());
            assertThat(s.count("type:engage")).isEqualTo(3);
            assertThat(s.unload(a.toString())).isTrue();
            assertThat(s.unload(a.toString())).isFalse();
            assertThat(s.count("type:engage")).isEqualTo(2);
            s.reset();
            assertThat(s.sources()).isEmpty();
            assertThat(s.count("*:*")).isZero();
        }
    }

    @Test
    void contextReadsTheLinesAroundAHit() throws IOException {
        Path log = dir.resolve("ctx.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            sb.append("[").append(i).append(".000000] line ").append(i).append('\n');
        }
        Files.writeString(log, sb.toString());
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(log.toString());
            assertThat(s.context(log.toString(), 10, 2)).extracting(l -> l.number() + " " + l.text())
                    .containsExactly("8 [8.000000] line 8", "9 [9.000000] line 9", "10 [10.000000] line 10", "11 [11.000000] line 11",
                            "12 [12.000000] line 12");
        }
    }

    @Test
    void aSourceLoadedByPathCanBeNamedByItsFileNameWhenThatIsUnambiguous() throws IOException {
        Path one = Files.createDirectories(dir.resolve("one")).resolve("kern.log");
        Path two = Files.createDirectories(dir.resolve("two")).resolve("kern.log");
        Path other = dir.resolve("other.log");
        Files.writeString(one, LINE);
        Files.writeString(two, LINE);
        Files.writeString(other, LINE + LINE);
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(one.toString());
            s.load(other.toString());
            assertThat(s.sourceNamed("kern.log")).isEqualTo(one.toString());
            assertThat(s.sourceNamed(other.toString())).isEqualTo(other.toString());
            assertThat(s.context("other.log", 2, 0)).extracting(l -> l.number()).containsExactly(2);
            assertThat(s.lines("other.log")).isEqualTo(2);

            s.load(two.toString());
            assertThat(s.sourceNamed("kern.log")).isNull();
            assertThat(s.noSourceNamed("kern.log")).isEqualTo("kern.log is the file name of 2 loaded sources; name one as loaded: "
                    + one + ", " + two);
            assertThat(s.noSourceNamed("nope.log")).startsWith("no source named nope.log; loaded: ");
            assertThat(s.unload("kern.log")).isFalse();
            assertThat(s.unload("other.log")).isTrue();
            assertThat(s.count("type:engage")).isEqualTo(2);
        }
    }
}
