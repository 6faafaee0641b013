package io.virtblk.grammar.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A driver file is read whole or refused at the file, line, column and field of its first fault, saying what was expected. */
class DriverFileTest {

    static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));

    private static final String GOOD = """
            {
              "format": "virtblk-shell driver",
              "version": 1,
              "name": "tiny",
              "lines": [
                {"pattern": "^tiny: open$", "event": "engage"},
                {"pattern": "^tiny: cmd (?<name>[A-Z_]+)$", "event": "ioctl"}
              ],
              "model": {
                "handshakes": [{"name": "gate", "armed_by": ["ARM"], "set_by": ["RING"]}]
              },
              "variants": [{"name": "tiny-fixed", "fixes": ["T1"]}],
              "hazards": [
                {"id": "T1", "title": "waits", "rule": {"wait": {"handshake": "gate"}}, "explanation": "at line {line}",
                 "fixed_by": {"wakes_on_release": true}}
              ]
            }
            """;

    private static DriverDefinition read(String text) throws IOException {
        return DriverFile.read("tiny.json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(IOException.class).hasMessageStartingWith(message);
    }

    @Test
    void theShippedDefinitionsAndAGoodOneAreRead() throws IOException {
        DriverDefinition tiny = read(GOOD);
        assertThat(tiny.modelNames()).containsExactly("tiny", "tiny-fixed");
        assertThat(tiny.workers()).isEqualTo(1);
        assertThat(tiny.handshakes().getFirst().initiallyOpen()).isTrue();
        assertThat(DriverFile.read(ROOT.resolve("samples/drivers/gateblk.json")).modelNames()).containsExactly("gateblk", "gateblk-timeout");
        assertThat(DriverFile.read(ROOT.resolve("samples/drivers/virtblkiosim.json")).modelNames())
                .containsExactly("virtblkiosim", "virtblkiosim-fixed");
    }

    @Test
    void whatTheSchemaRefusesIsNamedWhereItIs() {
        refused(GOOD.replace("\"event\": \"engage\"", "\"event\": \"opens\""), "tiny.json:6:42: lines[0].event: does not have a value in the enumeration [\"engage\", \"release\", \"ioctl\", \"transfer\", \"note\"]");
        refused(GOOD.replace("\"version\": 1", "\"version\": 2"), "tiny.json:3:14: version: ");
        refused(GOOD.replace("\"name\": \"tiny\",", "\"name\": \"tiny\", \"colour\": \"red\","), "tiny.json:1:1: ");
        refused(GOOD.replace("\"name\": \"tiny\",", ""), "tiny.json:1:1: ");
        assertThatThrownBy(() -> read(GOOD.replace("\"name\": \"tiny\",", ""))).hasMessageContaining("name")
                .hasMessageContaining("driver.schema.json");
    }

    @Test
    void whatTheSchemaCannotSayIsCheckedToo() {
        refused(GOOD.replace("^tiny: open$", "^tiny: (open$"), "tiny.json:6:17: lines[0].pattern: not a regular expression: Unclosed group at index 13");
        refused(GOOD.replace("(?<name>[A-Z_]+)", "([A-Z_]+)"), "tiny.json:7:17: lines[1].pattern: an ioctl line needs a group (?<name>...)");
        refused(GOOD.replace("{\"handshake\": \"gate\"}", "{\"handshake\": \"gates\"}"),
                "tiny.json:14:67: hazards[0].rule.wait.handshake: no handshake 'gates' in model.handshakes (there is: gate)");
        refused(GOOD.replace("\"fixes\": [\"T1\"]", "\"fixes\": [\"T2\"]"), "tiny.json:12:49: variants[0].fixes[0]: no hazard 'T2' (there is: T1)");
        refused(GOOD.replace("\"fixed_by\": {\"wakes_on_release\": true}", "\"fixed_by\": {\"worker_locks\": true}"),
                "tiny.json:15:18: hazards[0].fixed_by: a wait hazard is fixed by {\"wakes_on_release\": true} or {\"timeout_seconds\": N}");
        refused(GOOD.replace(",\n     \"fixed_by\": {\"wakes_on_release\": true}", ""),
                "tiny.json:12:49: variants[0].fixes[0]: hazard T1 says no fixed_by");
    }

    @Test
    void notJsonAtAllIsSaidSo() {
        refused("{\"format\": ", "tiny.json:1:12: not valid JSON: ");
        refused("", "tiny.json:1:1: the file is empty");
        // found by DriverFileFuzzTest: zero bytes first make Jackson read UTF-32, and its error named no place
        assertThatThrownBy(() -> DriverFile.read("tiny.json", new byte[] {0, 0, 0, '{', 'o', 'r', 'd', 'r', '"', ':', '1', '}'}))
                .isInstanceOf(IOException.class).hasMessageStartingWith("tiny.json:1:1: not JSON text in UTF-8, UTF-16 or UTF-32: ");
    }
}
