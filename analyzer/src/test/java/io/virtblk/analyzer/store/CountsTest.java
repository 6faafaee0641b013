package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats --by} a number field and {@code --histogram} count from doc values leaf by leaf;
 * these pin the counts on a log big enough to be indexed by both threads (several segments) and
 * whose stamps jump back and forth between buckets (a reboot, interleaved sources), so the
 * bucket remembered from the event before is not always the right one.
 */
class CountsTest {

    @TempDir
    Path dir;

    @Test
    void histogramsAndNumberStatsCountEveryMatchWhateverTheOrderOfBuckets() throws IOException {
        Path log = dir.resolve("kern.log");
        StringBuilder sb = new StringBuilder();
        int lines = 30_000;
        for (int i = 0; i < lines; i++) {
            // seconds 10.x, 20.x and 30.x in turn; one in three lines is an engage
            int second = 10 * (1 + i % 3);
            String what = i % 3 == 0 ? "virtblkiosim: Device engage: private_data: virtblkiosim" : "usb 1-1: new device " + (i % 7);
            sb.append(String.format("[%d.%06d] %s%n", second, i, what));
        }
        Files.writeString(log, sb.toString());
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(log.toString());
            assertThat(s.sources().getFirst().reader().leaves()).as("segments").hasSizeGreaterThan(1);
            var all = s.histogram("*:*", "mono", 10);
            assertThat(all.keySet()).containsExactly(10.0, 20.0, 30.0);
            assertThat(all.values()).containsExactly(10_000L, 10_000L, 10_000L);
            assertThat(s.histogram("type:engage", "mono", 5)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(10.0, 10_000L)));
            // engages are lines 1, 4, 7, ...: 1..9997, 10000..19999, 20002..29998
            assertThat(s.histogram("type:engage", "line", 10_000).values()).containsExactly(3_333L, 3_334L, 3_333L);
            Map<String, Long> byLine = s.stats("type:engage", "line");
            assertThat(byLine).hasSize(10_000).containsEntry("1", 1L).containsEntry("29998", 1L).doesNotContainKey("2");
            Map<String, Long> byType = s.stats("*:*", "type");
            assertThat(byType).containsEntry("engage", 10_000L);
            assertThat(byType.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(lines);
        }
    }

    @Test
    void anInterruptStopsALongCount() throws IOException {
        Path log = dir.resolve("long.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            sb.append(String.format("[%d.%06d] usb 1-1: line %d%n", 1 + i / 1000, i % 1000, i));
        }
        Files.writeString(log, sb.toString());
        try (EventStore s = new EventStore(null, new SourceLoader())) {
            s.load(log.toString());
            Thread.currentThread().interrupt();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.stats("*", "type"))
                        .isInstanceOf(java.util.concurrent.CancellationException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(s.stats("*", "type")).containsEntry("kernel", 70_000L);
        }
    }
}
