package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache} shows what the cache folder holds and whether each index is still current; {@code cache clear} frees it. */
class CacheCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private String run(Session session, String line) {
        int from = out.getBuffer().length();
        new Commands().execute(line, session);
        return out.toString().substring(from);
    }

    @Test
    void listsEachIndexWithItsStateAndClearsWhatIsNotLoaded() throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.writeString(a, "[1.000000] usb 1-1: new device\n");
        Files.writeString(b, "[1.000000] usb 1-1: new device\n[2.000000] usb 1-1: gone\n");
        Path cache = dir.resolve("cache");
        try (Session session = new Session(cache, new PrintWriter(out), new PrintWriter(out))) {
            run(session, "load " + a);
            run(session, "load " + b);
            run(session, "unload " + b);
            Files.writeString(b, "[3.000000] usb 1-1: back\n", java.nio.file.StandardOpenOption.APPEND);

            String listing = run(session, "cache");
            assertThat(listing).startsWith(cache + ": 2 index(es), ");
            assertThat(listing).contains(a + "  current, loaded").contains(b + "  file changed since: the next load indexes it again");
            assertThat(run(session, "cache --json")).contains("\"state\" : \"current\"").contains("\"loaded\" : true")
                    .contains("\"state\" : \"changed\"");

            assertThat(run(session, "cache clear")).startsWith("dropped 1 index(es), freed ").endsWith("kept 1 that are loaded now (unload them first)\n");
            run(session, "unload a.log");
            Files.delete(a);
            assertThat(run(session, "cache")).contains(a + "  file gone");
            assertThatThrownBy(() -> run(session, "cache clear " + b)).hasMessageContaining("no cached index of " + b);
            assertThat(run(session, "cache clear " + a)).startsWith("dropped 1 index(es)");
            assertThat(run(session, "cache")).startsWith(cache + ": 0 index(es)");
            assertThatThrownBy(() -> run(session, "cache frobnicate")).hasMessageContaining("unknown argument 'frobnicate'");
        }
        try (Session memory = new Session(new PrintWriter(out), new PrintWriter(out))) {
            assertThat(run(memory, "cache")).startsWith("no cache: this session keeps its indexes in memory");
        }
    }
}
