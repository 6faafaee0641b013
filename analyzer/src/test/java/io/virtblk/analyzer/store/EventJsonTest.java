package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.event.Event;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every event the store keeps whole comes back from its JSON equal to what was written. */
class EventJsonTest {

    @Test
    void everyKeptEventOfTheSampleAndExamplesRoundTrips() throws IOException {
        Path root = Path.of(System.getProperty("virtblk.root", ".."));
        List<Path> inputs = new ArrayList<>();
        inputs.add(root.resolve("samples/000_session.txt"));
        try (Stream<Path> files = Files.walk(root.resolve("grammar/src/test/resources/examples"))) {
            files.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(inputs::add);
        }
        try (Stream<Path> files = Files.list(root.resolve("grammar/src/test/resources/reports"))) {
            files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(inputs::add); // a report of every kind
        }
        EventJson json = new EventJson();
        int kept = 0;
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (Path p : inputs) {
            String format = p.getParent().getFileName().toString();
            String arg = format.equals("samples") ? p.toString() : format.equals("reports") ? "kernel:" + p : format + ":" + p;
            for (Event e : new SourceLoader(2016).load(arg).events()) {
                if (json.keeps(e)) {
                    String stored = json.write(e);
                    assertThat(json.read(stored)).as("%s %s", p.getFileName(), e.at()).isEqualTo(e);
                    // the stored form names the event by its type, never by a Java class that a refactoring may rename
                    assertThat(stored).startsWith(e.type() + "|").doesNotContain("io.virtblk");
                    kept++;
                    types.add(e.type());
                }
            }
        }
        assertThat(kept).isGreaterThan(60);
        assertThat(types).contains("fio_result", "fio_job", "fio_notice", "fio_disk", "fio_group", "report",
                "section", "command", "annotation");
    }
}
