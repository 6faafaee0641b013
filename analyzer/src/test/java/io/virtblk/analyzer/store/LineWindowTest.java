package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines read back by offset through the read-ahead window, wherever they fall against its edges. */
class LineWindowTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryLineAsWrittenAcrossWindowEdgesInAnyOrder() throws IOException {
        String longLine = "x".repeat(200_000) + "é";
        String text = "first\r\n" + "é second\n" + longLine + "\n" + "\n" + "y".repeat(65_530) + "\n" + "last, no end";
        Path file = dir.resolve("f.log");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.util.List<Long> offsets = new java.util.ArrayList<>();
        offsets.add(0L);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                offsets.add((long) i + 1);
            }
        }
        String[] expected = {"first", "é second", longLine, "", "y".repeat(65_530), "last, no end"};
        try (LineWindow w = new LineWindow(file)) {
            for (int i = 0; i < expected.length; i++) {
                assertThat(w.line(offsets.get(i))).as("line %d", i + 1).isEqualTo(expected[i]);
            }
            // backwards, and past the end
            assertThat(w.line(offsets.get(1))).isEqualTo("é second");
            assertThat(w.line(0)).isEqualTo("first");
            assertThat(w.line(bytes.length)).isEmpty();
            assertThat(w.line(offsets.get(5))).isEqualTo("last, no end");
        }
    }

    @Test
    void anInterruptWhileReadingIsACancellationNotAnIoError() throws IOException {
        Path file = dir.resolve("g.log");
        Files.writeString(file, "one\ntwo\n");
        try (LineWindow w = new LineWindow(file)) {
            Thread.currentThread().interrupt();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.line(0))
                        .isInstanceOf(java.util.concurrent.CancellationException.class);
            } finally {
                Thread.interrupted();
            }
        }
    }
}
