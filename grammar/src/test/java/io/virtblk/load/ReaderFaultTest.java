package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.event.RawLine;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.input.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that fails (a bug of ours, or a user's report kind whose pattern runs out of stack)
 * costs its own file's typing, never the load: the file is kept as raw lines with a diagnostic
 * at the line it failed on, and the next file loads as usual.
 */
class ReaderFaultTest {

    private static final String ENGAGE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";
    /** A user's kind whose pattern recurses once per character: a long enough line overflows the stack in the regex engine. */
    private static final String RECURSIVE_KIND = """
            {"kinds": [{"id": "deep", "header": "DEEP:", "formats": [{"match": "DEEP: ((a|b)*)x", "title": "deep {1}"}]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void aReaderThatFailsLeavesItsFileRawAndTheOtherFilesTyped() throws IOException {
        Path kinds = dir.resolve("deep.json");
        Files.writeString(kinds, RECURSIVE_KIND);
        ReportRules rules = ReportRules.of(List.of(kinds));
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, ENGAGE + "Nov 11 04:25:31 vm kernel: [67316.000000] DEEP: " + "ab".repeat(200_000) + "\n" + ENGAGE + "\n");
        Path good = dir.resolve("good.log");
        Files.writeString(good, ENGAGE + ENGAGE);

        SourceLoader loader = new SourceLoader(2016, rules);
        LoadedSource b = loader.load(bad.toString());
        assertThat(b.format()).isEqualTo(InputFormat.UNKNOWN);
        assertThat(b.lines()).isEqualTo(4);
        assertThat(b.rawLines()).isEqualTo(3);
        assertThat(b.structuralLines()).isEqualTo(1);
        assertThat(b.accountedFor()).isTrue();
        // the kernel reader titles a report when its window closes: it fails while at a line at or after the report's
        Diagnostic fault = b.diagnostics().stream().filter(d -> d.message().startsWith("internal error")).findFirst().orElseThrow();
        assertThat(fault.line()).isBetween(2, 4);
        assertThat(fault.message()).startsWith("internal error in the kernel reader (ran out of stack at ")
                .contains("every line of this file is kept raw (searchable, not typed)");
        assertThat(b.events()).allSatisfy(e -> assertThat(((RawLine) e).context())
                .isEqualTo("not typed: the kernel reader failed while at line " + fault.line()));

        LoadedSource g = loader.load(good.toString());
        assertThat(g.eventsByType()).containsEntry("engage", 2);
    }

    @Test
    void aStreamThatCannotTakeBackItsEventsGetsTheFailureAsAnIoError() throws IOException {
        Path kinds = dir.resolve("deep.json");
        Files.writeString(kinds, RECURSIVE_KIND);
        ReportRules rules = ReportRules.of(List.of(kinds));
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, "Nov 11 04:25:31 vm kernel: [67316.000000] DEEP: " + "ab".repeat(200_000) + "\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceLoader(2016, rules).stream(SourceLoader.Spec.parse(bad.toString()),
                        (java.util.function.Consumer<io.virtblk.event.Event>) e -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(bad + ":1: internal error in the kernel reader (ran out of stack");
    }
}
