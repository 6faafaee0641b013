package io.virtblk.replay.defined;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.grammar.driver.DriverFile;
import io.virtblk.load.SourceLoader;
import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.trace.LoadedTrace;
import io.virtblk.replay.virtblkiosim.VirtblkiosimModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code samples/drivers/virtblkiosim.json} says what the Java driver does: on every sample and
 * trace, as written and fixed, the definition's model gives the same verdict, stall line and
 * hazard, the same model verdict and finish time, and the same hazards, manifest or not.
 *
 * <p>What the file does not say, and the Java driver keeps: the texts built from the run (which
 * sessions overlapped and where, the disk-stats deficit, "of the unfixed driver" on a what-if),
 * the call-ID field checks of the built-in grammar, and the ioctl symbol lines
 * ({@code ===> SET_BLOCK}) that go with their ioctl's session; the file's own prose is shorter.
 */
class DefinitionAgreesWithJavaTest {

    static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));

    static List<Path> inputs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("samples/000_session.txt"), ROOT.resolve("samples/001_kernel_reports.log")));
        try (Stream<Path> traces = Files.list(ROOT.resolve("replay/src/test/resources/traces"))) {
            traces.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(out::add);
        }
        return out;
    }

    /** Everything but the words: what a verdict, a stall and a hazard are. */
    static List<String> facts(Replays r) {
        List<String> out = new ArrayList<>();
        for (RunDiagnosis d : r.diagnoses()) {
            out.add("run " + d.run().number() + ": " + d.verdict() + ", model " + d.modelVerdict() + ", finish " + d.modelFinish()
                    + (d.stall() == null ? "" : ", stall at line " + d.stall().line() + " on " + d.stall().hazard()));
            for (Hazard h : d.hazards()) {
                out.add("  " + h.id() + " " + h.title() + (h.manifest() ? " MANIFEST" : ""));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> theDefinitionFileAndTheJavaDriverAgreeOnEverySampleAndTrace() throws IOException {
        DefinedDriver file = DefinedDriver.of(DriverFile.read(ROOT.resolve("samples/drivers/virtblkiosim.json")));
        return inputs().stream().flatMap(input -> Stream.of(
                DynamicTest.dynamicTest(input.getFileName() + " as written", () -> agree(input, VirtblkiosimModel.buggy(), file.models().get(0))),
                DynamicTest.dynamicTest(input.getFileName() + " fixed", () -> agree(input, VirtblkiosimModel.fixed(), file.models().get(1)))));
    }

    /** The agreement is about stalls, not only about runs that completed: both hazards strike in the inputs. */
    @org.junit.jupiter.api.Test
    void theInputsHoldStallsOnBothHazardsAndTheFileFindsThem() throws IOException {
        DefinedDriver file = DefinedDriver.of(DriverFile.read(ROOT.resolve("samples/drivers/virtblkiosim.json")));
        Path sample = ROOT.resolve("samples/000_session.txt");
        assertThat(facts(Replays.of(new LoadedTrace(new SourceLoader(2016).load(sample.toString())), sample.toString(), file.model(), 1.0)))
                .contains("run 3: stalled, model stalled, finish null, stall at line 106 on H1", "  H1 unlocked queue access MANIFEST");
        Path h2 = ROOT.resolve("replay/src/test/resources/traces/h2_user_app_stops_set_block_while_fio_runs.txt");
        assertThat(facts(Replays.of(new LoadedTrace(new SourceLoader(2016).load(h2.toString())), h2.toString(), file.model(), 1.0)))
                .anySatisfy(f -> assertThat(f).contains("stall at line 14 on H2"))
                .contains("  H2 worker waits for a SET_BLOCK that never comes MANIFEST");
    }

    private static void agree(Path input, DeviceModel java, DeviceModel defined) throws IOException {
        assertThat(defined.name()).isEqualTo(java.name());
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(input.toString()));
        List<String> expected = facts(Replays.of(trace, input.toString(), java, Replays.DEFAULT_GAP));
        List<String> actual = facts(Replays.of(trace, input.toString(), defined, Replays.DEFAULT_GAP));
        assertThat(actual).as(input.getFileName().toString()).containsExactlyElementsOf(expected);
    }
}
