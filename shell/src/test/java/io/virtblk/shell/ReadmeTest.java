package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.analyzer.store.Schema;
import io.virtblk.shell.command.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is how users find fields and commands: it must name every one the code has. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("virtblk.root", ".."), "README.md"));
    }

    @Test
    void theFieldTableHasEverySchemaField() throws IOException {
        String readme = readme();
        for (Schema.Field f : Schema.all()) {
            assertThat(readme).as("README row for field %s", f.name())
                    .contains("| `" + f.name() + "` | " + f.kind().name().toLowerCase() + " |");
        }
    }

    @Test
    void everyCommandIsInTheCommandTable() throws IOException {
        String readme = readme();
        for (Command c : new Commands().all()) {
            assertThat(readme).as("README mentions %s", c.name()).contains("`" + c.name());
        }
    }
}
