package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.input.Diagnostic;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The grammar examples: every {@code examples/FORMAT/NAME.txt} under the test resources is
 * loaded as FORMAT and its events and diagnostics must equal {@code NAME.expected} beside it.
 * Examples are small, hand-written and named for what they hold; the broken ones are named so.
 *
 * <p>After a deliberate change of output, rewrite the expected files with
 * {@code mvn test -pl grammar -Dtest=ExamplesTest -Dvirtblk.updateExamples=true} and review the diff.
 */
class ExamplesTest {

    private static final Set<String> SKIPPED = Set.of("at", "raw", "prefix");

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsExpectedEvents() throws IOException {
        Path examples = TestInputs.root().resolve("grammar/src/test/resources/examples");
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(examples)) {
            inputs = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThan(15);
        return inputs.stream().map(input -> DynamicTest.dynamicTest(examples.relativize(input).toString(), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String format = input.getParent().getFileName().toString();
        String name = input.getFileName().toString();
        LoadedSource s = new SourceLoader(2016).load(format + ":" + input);
        assertThat(s.accountedFor()).as("every line accounted for").isTrue();
        String actual = render(s, name);
        Path expected = input.resolveSibling(name.replace(".txt", ".expected"));
        if (Boolean.getBoolean("virtblk.updateExamples") || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            // a missing expected file is written once, for review; the test still fails so it is not forgotten
            assertThat(Boolean.getBoolean("virtblk.updateExamples")).as("wrote " + expected + "; review and commit it").isTrue();
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    static String render(LoadedSource s, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(name).append(": format=").append(s.format().id()).append(" lines=").append(s.lines())
                .append(" typed=").append(s.typedLines()).append(" raw=").append(s.rawLines())
                .append(" structural=").append(s.structuralLines()).append('\n');
        for (Event e : s.events()) {
            sb.append(e.at().line() == e.at().endLine() ? e.at().line() : e.at().line() + "-" + e.at().endLine())
                    .append(' ').append(e.type());
            if (e instanceof KernelEvent k) {
                sb.append(" [").append(prefix(k.prefix())).append(']');
            }
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                if (SKIPPED.contains(c.getName())) {
                    continue;
                }
                try {
                    Object v = c.getAccessor().invoke(e);
                    if (v != null) {
                        sb.append(' ').append(c.getName()).append('=').append(v);
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
            sb.append('\n');
        }
        for (Diagnostic d : s.diagnostics()) {
            sb.append("! ").append(d.line()).append(':').append(d.column()).append(": ").append(d.message()).append('\n');
        }
        return sb.toString();
    }

    private static String prefix(KernelPrefix p) {
        StringBuilder sb = new StringBuilder(p.format().name());
        if (p.wallClock() != null) {
            sb.append(' ').append(p.wallClock());
        }
        if (p.offset() != null) {
            sb.append(p.offset());
        }
        if (p.mono() != null) {
            sb.append(" mono=").append(p.mono());
        }
        if (p.caller() != null) {
            sb.append(" caller=").append(p.caller());
        }
        if (p.priority() != null) {
            sb.append(" prio=").append(p.priority());
        }
        if (p.host() != null) {
            sb.append(" host=").append(p.host());
        }
        if (p.tag() != null) {
            sb.append(" tag=").append(p.tag());
        }
        return sb.toString();
    }
}
