package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C is an interrupt of the loading thread, and it may land anywhere in a load: in the parser,
 * in the queue to the indexers, in a file channel, in Lucene's flush or commit, after the index is
 * complete. Wherever it lands the load is cancelled with the same message, the store is as it was,
 * the cache holds no partial index, and the next load works. The interrupt is raised from the
 * load's own progress reports, so where it lands does not depend on the machine's speed.
 */
class LoadCancellationTest {

    @TempDir
    Path dir;

    private static final String LINE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";

    @AfterEach
    void noInterruptLeftPending() {
        assertThat(Thread.interrupted()).as("the cancelled load left no interrupt pending").isFalse();
    }

    private Path bigLog() throws IOException {
        Path log = dir.resolve("big.log");
        Files.writeString(log, LINE.repeat(60_000));
        return log;
    }

    /** Interrupts the loading thread at the first progress report for which {@code when} holds. */
    private static SourceIndex.Progress interruptWhen(BiPredicate<Long, Long> when) {
        boolean[] done = {false};
        return (bytes, total, events) -> {
            if (!done[0] && when.test(bytes, total)) {
                done[0] = true;
                Thread.currentThread().interrupt();
            }
        };
    }

    @ParameterizedTest(name = "cache on disk: {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptWhileParsingCancelsTheLoad(boolean onDisk) throws IOException {
        assertCancelledAndRecovers(onDisk, interruptWhen((bytes, total) -> bytes > 0 && bytes < total));
    }

    /** The last progress report comes just before the writer flushes and commits: the interrupt lands in Lucene. */
    @ParameterizedTest(name = "cache on disk: {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptAsTheIndexIsCommittedCancelsTheLoad(boolean onDisk) throws IOException {
        assertCancelledAndRecovers(onDisk, interruptWhen((bytes, total) -> bytes.equals(total)));
    }

    private void assertCancelledAndRecovers(boolean onDisk, SourceIndex.Progress progress) throws IOException {
        Path log = bigLog();
        Path small = dir.resolve("small.log");
        Files.writeString(small, LINE);
        Path cache = onDisk ? dir.resolve("cache") : null;
        try (EventStore store = new EventStore(cache, new SourceLoader())) {
            store.load(small.toString());
            assertThatThrownBy(() -> store.load(log.toString(), progress))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("load of " + log + " cancelled; what was loaded before stays loaded");
            assertThat(Thread.interrupted()).as("the interrupt was taken as the cancellation").isFalse();
            assertThat(store.summaries()).extracting(s -> s.name()).containsExactly(small.toString());
            assertThat(store.count("type:engage")).isEqualTo(1);
            if (onDisk) {
                assertThat(cacheEntries(cache)).as("no partial index: only the small file's").hasSize(1);
            }
            SourceIndex again = store.load(log.toString());
            assertThat(again.reused()).isFalse();
            assertThat(store.count("type:engage")).isEqualTo(60_001);
        }
    }

    @Test
    void anInterruptPendingWhenACachedIndexIsCheckedCancelsTheLoad() throws IOException {
        Path log = bigLog();
        Path cache = dir.resolve("cache");
        try (EventStore store = new EventStore(cache, new SourceLoader())) {
            store.load(log.toString());
        }
        try (EventStore store = new EventStore(cache, new SourceLoader())) {
            Thread.currentThread().interrupt(); // lands in the checksum read of the cached entry's file
            assertThatThrownBy(() -> store.load(log.toString())).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("cancelled; what was loaded before stays loaded");
            assertThat(store.summaries()).isEmpty();
            assertThat(store.load(log.toString()).reused()).as("the complete cached index is kept").isTrue();
            assertThat(store.count("type:engage")).isEqualTo(60_000);
        }
    }

    @Test
    void interruptsAreRecognisedWhereverTheyAreWrapped() {
        assertThat(Interrupts.causedBy(new IOException("x", new java.nio.channels.ClosedByInterruptException()))).isTrue();
        assertThat(Interrupts.causedBy(new RuntimeException(new org.apache.lucene.util.ThreadInterruptedException(new InterruptedException()))))
                .isTrue();
        assertThat(Interrupts.causedBy(new java.io.UncheckedIOException(new java.io.InterruptedIOException()))).isTrue();
        assertThat(Interrupts.causedBy(new IOException("disk full"))).isFalse();
        assertThat(Interrupts.causedBy(new IllegalStateException("bug"))).isFalse();
    }

    /** The cache's index folders (not its own .locks and .tmp). */
    private static java.util.List<Path> cacheEntries(Path cache) throws IOException {
        try (var list = Files.list(cache)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
