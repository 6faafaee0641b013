package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.command.TerminalSafeWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing from a file reaches the terminal raw: a log line with a clear-screen, OSC window-title
 * and clipboard (OSC 52) sequences, BEL, backspaces and a bare CR ({@code hostile/terminal_escapes.log},
 * found by hostile-input testing) is shown with its control characters visible by query, events,
 * context, triage and a tampered cache listing, in batch mode as at the prompt (both print
 * through the session's writers).
 */
class TerminalEscapesTest {

    @TempDir
    Path dir;

    static String hostile() {
        return Path.of(System.getProperty("virtblk.root", ".."), "shell/src/test/resources/hostile/terminal_escapes.log").toString();
    }

    private static void assertNoRawControls(String out) {
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f).mapToObj(c -> String.format("0x%02x", c)).toList())
                .as("control characters in: %s", out).isEmpty();
    }

    @Test
    void queryEventsAndContextShowControlCharactersVisibly() {
        BatchModeTest.Run r = BatchModeTest.run("-c", "load " + hostile(), "-c", "query usb", "-c", "events", "-c", "context 0 1@" + hostile());
        assertThat(r.code()).as(r.err()).isZero();
        assertNoRawControls(r.out());
        assertNoRawControls(r.err());
        assertThat(r.out()).contains("\\x1b]0;pwned\\x07title").contains("\\x1b]52;c;").contains("\\x1b[2J\\x1b[Hclear")
                .contains("bell\\x07").contains("back\\x08\\x08\\x08space").contains("cr\\x0doverwrite").contains("\\x1b[31mred");
    }

    @Test
    void aFileNameWithANewlineOrAnEscapeIsShownVisibly() throws IOException {
        Path evil = dir.resolve("a\nfake: kernel, 1 lines\033[2J.log");
        Files.writeString(evil, "Nov 11 04:25:30 vm kernel: [1.000001] hello\n");
        BatchModeTest.Run r = BatchModeTest.run("-c", "load '" + evil + "'", "-c", "query hello", "-c", "load '" + dir.resolve("gone\033]0;x\007") + "'");
        assertNoRawControls(r.out());
        assertNoRawControls(r.err());
        assertThat(r.out()).contains("a\\x0afake: kernel, 1 lines\\x1b[2J.log: kernel, 1 lines");
        assertThat(r.err()).contains("gone\\x1b]0;x\\x07: no such file");
    }

    @Test
    void aTamperedCacheEntryIsListedVisibly() throws IOException {
        Path cache = dir.resolve("cache");
        Path log = dir.resolve("k.log");
        Files.writeString(log, "Nov 11 04:25:30 vm kernel: [1.000001] hello\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"--cache", cache.toString(), "-c", "load " + log}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err, true))).isZero();
        try (var folders = Files.list(cache)) {
            Path meta = folders.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow().resolve("meta.json");
            String json = Files.readString(meta);
            Files.writeString(meta, json.replaceFirst("\"absolutePath\":\"[^\"]*\"", "\"absolutePath\":\"/tmp/x\\\\u001b]0;owned\\\\u0007\\\\u001b[2J\""));
        }
        StringWriter listed = new StringWriter();
        Main.run(new String[] {"--cache", cache.toString(), "-c", "cache"}, new java.io.PrintWriter(listed), new java.io.PrintWriter(err, true));
        assertNoRawControls(listed.toString());
        assertThat(listed.toString()).contains("/tmp/x\\x1b]0;owned\\x07\\x1b[2J");
    }

    @Test
    void theLastGuardLetsOnlyColourSequencesThrough() throws IOException {
        StringWriter sink = new StringWriter();
        try (TerminalSafeWriter w = new TerminalSafeWriter(sink, false)) {
            w.write("ok \033[1;31mred\033[0m plain\n");
            w.write("split \033");
            w.write("[3");
            w.write("2mgreen\033[0m title \033]0;x\007 clear \033[2J bell \007 cr \r tab\t\n");
            w.write("an escape at the end \033");
        }
        assertThat(sink.toString()).isEqualTo("ok \033[1;31mred\033[0m plain\nsplit \033[32mgreen\033[0m title \\x1b]0;x\\x07 clear \\x1b[2J bell"
                + " \\x07 cr \\x0d tab\t\nan escape at the end \\x1b");
        StringWriter err = new StringWriter();
        try (TerminalSafeWriter w = new TerminalSafeWriter(err, true)) {
            w.write("\rprogress 50%   \r");
        }
        assertThat(err.toString()).as("the error stream keeps the CR that redraws a progress line").isEqualTo("\rprogress 50%   \r");
    }
}
