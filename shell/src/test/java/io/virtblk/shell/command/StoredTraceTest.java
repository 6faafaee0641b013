package io.virtblk.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.analyzer.store.EventStore;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import io.virtblk.replay.trace.LoadedTrace;
import io.virtblk.replay.trace.Trace;
import io.virtblk.replay.trace.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replay's tests read their traces from sources loaded in memory, and the shell reads them from the
 * store: the two must give replay the same trace, event for event, or replay's tests would prove
 * nothing of what users see. Every trace replay's tests know is read both ways.
 */
class StoredTraceTest {

    private static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));

    @TestFactory
    Stream<DynamicTest> theStoreGivesReplayTheTraceALoadedSourceGives() throws IOException {
        List<String> specs = new ArrayList<>();
        specs.addAll(files(ROOT.resolve("samples"), ""));
        specs.addAll(files(ROOT.resolve("replay/src/test/resources/traces"), ""));
        for (String format : List.of("kernel", "transcript")) {
            specs.addAll(files(ROOT.resolve("grammar/src/test/resources/examples").resolve(format), format + ":"));
        }
        specs.addAll(files(ROOT.resolve("grammar/src/test/resources/reports"), ""));
        return specs.stream().map(spec -> DynamicTest.dynamicTest(spec, () -> {
            LoadedSource loaded = new SourceLoader(2016).load(spec);
            try (EventStore store = new EventStore(null, new SourceLoader(2016))) {
                store.load(spec);
                Trace stored = Trace.of(new StoredTrace(store), loaded.name());
                Trace inMemory = Trace.of(new LoadedTrace(loaded), loaded.name());
                assertThat(stored.lastLine()).isEqualTo(inMemory.lastLine());
                assertThat(stored.lastKernelLine()).isEqualTo(inMemory.lastKernelLine());
                assertThat(stored.events().stream().map(StoredTraceTest::shown).toList())
                        .containsExactlyElementsOf(inMemory.events().stream().map(StoredTraceTest::shown).toList());
                for (int i = 0; i < stored.events().size(); i++) {
                    assertThat(stored.events().get(i).event()).isEqualTo(inMemory.events().get(i).event());
                }
            }
        }));
    }

    private static String shown(TraceEvent e) {
        return e.line() + " " + e.kind() + " " + e.mono() + " " + e.time() + " " + e.ioctl() + " " + e.raw() + " | " + e.firstLine();
    }

    private static List<String> files(Path dir, String format) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md"))
                    .filter(p -> format.isEmpty() || p.toString().endsWith(".txt")).sorted().map(p -> format + p).toList();
        }
    }
}
