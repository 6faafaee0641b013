package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.replay.driver.Drivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver defined by a file, added without recompiling: with {@code --driver FILE} or a file in
 * {@code ~/.config/virtblk-shell/drivers/}, its lines are read at load and its model diagnoses
 * the sources that have them.
 */
class DriverFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));
    private static final String GATEBLK = ROOT.resolve("samples/drivers/gateblk.json").toString();
    private static final String TRACE = ROOT.resolve("samples/002_gateblk_doorbell_stall.log").toString();

    @TempDir
    Path tmp;

    private String home;

    @AfterEach
    void forgetTheDrivers() {
        if (home != null) {
            System.setProperty("user.home", home);
        }
        Drivers.install(java.util.List.of()); // what one test installed is not the next one's
    }

    private static JsonNode json(String out) throws IOException {
        return JSON.readTree(out.substring(out.indexOf("{\n")));
    }

    @Test
    void checkWithADriverFileDiagnosesItsStall() throws IOException {
        BatchModeTest.Run r = BatchModeTest.runCheck("--json", "--driver", GATEBLK, TRACE);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.STALLED);
        JsonNode run = json(r.out()).get("runs").get(0);
        assertThat(run.get("verdict").asText()).isEqualTo("stalled");
        assertThat(run.get("model").asText()).isEqualTo("gateblk");
        assertThat(run.get("stall").get("line").asInt()).isEqualTo(8);
        assertThat(run.get("stall").get("hazard").asText()).isEqualTo("G1");
        assertThat(run.get("hazards").get(0).get("title").asText()).isEqualTo("DMA waits for a doorbell nobody rings");
    }

    @Test
    void withoutTheFileTheSameLogHasNoDeviceRunsOnlyTheKernelsReport() throws IOException {
        BatchModeTest.Run r = BatchModeTest.runCheck("--json", TRACE);
        assertThat(r.code()).as("the hung task alone says the kernel hung").isEqualTo(Main.STALLED);
        assertThat(json(r.out()).get("runs")).isEmpty();
    }

    /** The acceptance test of a driver without recompiling: a file in a temporary config folder, nothing named on the command line. */
    @Test
    void aDriverFileInTheConfigFolderIsFoundAndItsModelsOffered() throws IOException {
        assumeTrue(System.getenv("XDG_CONFIG_HOME") == null, "the config folder is $XDG_CONFIG_HOME here, which a test must not write");
        home = System.getProperty("user.home");
        Path drivers = Files.createDirectories(tmp.resolve(".config/virtblk-shell/drivers"));
        Files.copy(Path.of(GATEBLK), drivers.resolve("gateblk.json"));
        System.setProperty("user.home", tmp.toString());
        BatchModeTest.Run r = BatchModeTest.run("-c", "replay --json", "-c", "replay --model gateblk-timeout", "-c", "replay --model nope", TRACE);
        JsonNode run = json(r.out()).get("runs").get(0);
        assertThat(run.get("verdict").asText()).isEqualTo("stalled");
        assertThat(run.get("stall").get("hazard").asText()).isEqualTo("G1");
        assertThat(r.out()).contains("model gateblk-timeout: completes");
        assertThat(r.err()).contains("replay: unknown model: nope; use one of: virtblkiosim, virtblkiosim-fixed, gateblk, gateblk-timeout");
    }

    @Test
    void aBadDriverFileStopsTheStartNamingFileLineColumnAndField() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, Files.readString(Path.of(GATEBLK)).replace("\"event\": \"engage\"", "\"event\": \"opens\""));
        BatchModeTest.Run r = BatchModeTest.runCheck("--driver", bad.toString(), TRACE);
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith("check: driver: " + bad + ":7:62: lines[0].event: does not have a value in the enumeration");
        BatchModeTest.Run missing = BatchModeTest.run("--driver", tmp.resolve("none.json").toString(), "-c", "help");
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("driver: " + tmp.resolve("none.json") + ": no such file");
    }

    @Test
    void aDriverWhoseModelNameIsTakenIsRefused() throws IOException {
        Path copy = tmp.resolve("virtblkiosim.json");
        Files.copy(ROOT.resolve("samples/drivers/virtblkiosim.json"), copy);
        BatchModeTest.Run r = BatchModeTest.runCheck("--driver", copy.toString(), TRACE);
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("model 'virtblkiosim' is already virtblkiosim's; name it otherwise");
    }

    /** An index made without the driver's lines is not reused with them: the same file is read again. */
    @Test
    void aCachedIndexMadeWithoutTheDriverIsMadeAgainWithIt() throws IOException {
        Path cache = tmp.resolve("cache");
        Main.run(new String[] {"--cache", cache.toString(), "-c", "count type:engage", TRACE}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        java.io.StringWriter out = new java.io.StringWriter();
        Main.run(new String[] {"--cache", cache.toString(), "--driver", GATEBLK, "-c", "count type:engage", TRACE}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(out.toString().strip()).endsWith("\n2");
    }
}
