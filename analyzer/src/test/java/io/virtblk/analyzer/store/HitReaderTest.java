package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hits read with iterators kept open per segment and lines through one window must be the hits of
 * the events, in input order: streamed ({@code forEachHit}, what export uses), searched, and sorted
 * (documents asked for out of order, so iterators are opened again).
 */
class HitReaderTest {

    @TempDir
    Path dir;

    @Test
    void streamedSearchedAndSortedHitsAreTheEventsAsWritten() throws IOException {
        Path log = dir.resolve("kern.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(switch (i % 4) {
                case 0 -> String.format("[%d.%06d] virtblkiosim: Device engage: private_data: virtblkiosim", 100 + i, i);
                case 1 -> String.format("[%d.%06d] virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' "
                        + "| func: 0x61) ===> arg: %d", 100 + i, i, 140050596167680L + i);
                case 2 -> String.format("[%d.%06d] usb 1-1: new high-speed USB device number %d", 100 + i, i, i);
                default -> String.format("[%d.%06d] virtblkiosim: Device release: private_data: virtblkiosim", 100 + i, i);
            });
        }
        Files.write(log, lines);
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(log.toString());
            assertThat(s.sources().getFirst().reader().leaves()).as("segments").hasSizeGreaterThan(1);

            List<Hit> streamed = new ArrayList<>();
            s.forEachHit("*", streamed::add);
            assertThat(streamed).hasSize(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                Hit h = streamed.get(i);
                assertThat(h.line()).isEqualTo(i + 1);
                assertThat(h.raw()).isEqualTo(lines.get(i));
            }
            Hit ioctl = streamed.get(1);
            assertThat(ioctl.type()).isEqualTo("ioctl");
            assertThat(ioctl.fields()).containsEntry("ioctl.name", "BLKFLSBUF").containsEntry("ioctl.size", 0L)
                    .containsEntry("ioctl.arg", "140050596167681").containsEntry("mono", 101.000001);

            List<Hit> searched = s.search("type:ioctl", Integer.MAX_VALUE - 1, null);
            List<Hit> streamedIoctls = new ArrayList<>();
            s.forEachHit("type:ioctl", streamedIoctls::add);
            assertThat(searched).hasSize(5_000).isEqualTo(streamedIoctls);

            List<Hit> sorted = s.search("type:ioctl", 100, "ioctl.arg", true, null);
            assertThat(sorted.getFirst().line()).isEqualTo(lines.size() - 2);
            for (Hit h : sorted) {
                assertThat(h.raw()).isEqualTo(lines.get(h.line() - 1));
                assertThat(h.fields().get("ioctl.arg")).isEqualTo(String.valueOf(140050596167680L + h.line() - 1));
            }
        }
    }

    @Test
    void anInterruptStopsAStreamOfHits() throws IOException {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, "[1.000000] usb 1-1: one\n[2.000000] usb 1-1: two\n");
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(log.toString());
            List<Hit> seen = new ArrayList<>();
            Thread.currentThread().interrupt();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.forEachHit("*", seen::add))
                        .isInstanceOf(java.util.concurrent.CancellationException.class);
                assertThat(Thread.interrupted()).as("the interrupt is taken, not left pending").isFalse();
            } finally {
                Thread.interrupted();
            }
            assertThat(seen).isEmpty();
            s.forEachHit("*", seen::add);
            assertThat(seen).hasSize(2);
        }
    }
}
