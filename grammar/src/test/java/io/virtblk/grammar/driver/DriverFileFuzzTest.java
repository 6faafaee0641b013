package io.virtblk.grammar.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes given as a driver file are read whole or refused with an {@link IOException} that
 * names the file and a line and column ({@code FILE:LINE:COL: ...}); never another exception,
 * which would end the start with a stack trace. A definition that is read recognises its own
 * patterns' lines without failing, whatever the message.
 */
class DriverFileFuzzTest {

    static {
        // A driver file's patterns are regular expressions by design, written by the user for their
        // own logs: compiling one that does not compile is a refusal at its line (DriverFileTest), not
        // an injection. Jazzer's regex-injection sanitizer would report every such pattern; this JVM
        // fuzzes only this target (one per JVM, see .ci/fuzz), so the others keep it.
        System.setProperty("jazzer.disabled_hooks", "com.code_intelligence.jazzer.sanitizers.RegexInjection");
    }

    static Stream<Arguments> seeds() throws IOException {
        Path root = Path.of(System.getProperty("virtblk.root", ".."));
        return Stream.of("samples/drivers/gateblk.json", "samples/drivers/virtblkiosim.json").map(root::resolve)
                .map(p -> Arguments.of(Named.of(p.getFileName().toString(), read(p))));
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DictionaryEntries({"\"pattern\"", "\"event\"", "\"engage\"", "\"release\"", "\"ioctl\"", "\"transfer\"", "\"note\"", "(?<name>", "(?<cmd>",
            "(?<dir>", "\"race\"", "\"wait\"", "\"repeat\"", "\"fixed_by\"", "\"fixes\"", "\"handshake\"", "\"structure\"", "\"timeout_seconds\"",
            "\"worker_locks\"", "\"wakes_on_release\"", "\"variants\"", "\"hazards\""})
    @MethodSource("seeds")
    @FuzzTest
    void driverFile(byte[] input) {
        DriverDefinition def;
        try {
            def = DriverFile.read("fuzzed.json", input);
        } catch (IOException e) {
            assertThat(e.getMessage()).as("a refusal names the file, line and column").matches("(?s)fuzzed\\.json:\\d+:\\d+: .+");
            return;
        }
        DriverLines lines = DriverLines.of(List.of(def));
        String text = new String(input, StandardCharsets.UTF_8);
        for (String message : List.of(def.name() + ": " + text.lines().findFirst().orElse(""), def.name() + ": cmd X arg=1", def.name())) {
            lines.meaning(Origin.of("fuzzed.log", 1), message, KernelPrefix.NONE, message);
        }
    }
}
