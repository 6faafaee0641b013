package io.virtblk.replay.defined;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.grammar.driver.DriverDefinition;
import io.virtblk.grammar.driver.DriverFile;
import io.virtblk.grammar.driver.DriverLines;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.input.Limits;
import io.virtblk.load.SourceLoader;
import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.repro.Reproducer;
import io.virtblk.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gateblk, the example driver defined only by {@code samples/drivers/gateblk.json}, and its
 * hand-made trace {@code samples/002_gateblk_doorbell_stall.log}: a doorbell daemon arms the
 * device, rings once, and closes it; fio's DMA then waits for a ring that never comes.
 */
class GateblkTest {

    static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));
    static final Path TRACE = ROOT.resolve("samples/002_gateblk_doorbell_stall.log");

    static Replays replay(Driver driver, DriverDefinition def, String model) throws IOException {
        SourceLoader loader = new SourceLoader(2026, ReportRules.builtIn(), Limits.standard(), DriverLines.of(List.of(def)));
        LoadedTrace trace = new LoadedTrace(loader.load(TRACE.toString()));
        DeviceModel m = driver.models().stream().filter(x -> x.name().equals(model)).findFirst().orElseThrow();
        return Replays.of(trace, TRACE.toString(), m, Replays.DEFAULT_GAP);
    }

    @Test
    void theFileAloneDiagnosesTheStallAtTheDmaNoRingOpened() throws IOException {
        DriverDefinition def = DriverFile.read(ROOT.resolve("samples/drivers/gateblk.json"));
        DefinedDriver gate = DefinedDriver.of(def);
        assertThat(gate.models()).extracting(DeviceModel::name).containsExactly("gateblk", "gateblk-timeout");
        Replays r = replay(gate, def, "gateblk");
        assertThat(r.runs()).hasSize(1);
        RunDiagnosis d = r.diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        // the daemon's session: its own ioctls; fio's: BLKFLSBUF
        assertThat(d.run().sessions()).hasSize(2);
        assertThat(d.run().ioSessions()).singleElement().satisfies(s -> assertThat(s.engage().line()).isEqualTo(3));
        assertThat(d.stall().line()).as("the second DMA after the one ring").isEqualTo(8);
        assertThat(d.stall().hazard()).isEqualTo("G1");
        assertThat(d.stall().explanation()).startsWith("The doorbell daemon armed gateblk (DOORBELL_ARM)").contains("at line 8 a DMA began")
                .contains("wait_event_timeout()");
        assertThat(d.stall().evidence()).anySatisfy(e -> assertThat(e.text()).contains("INFO: task fio:4242 blocked for more than 120 seconds"));
        assertThat(d.hazards()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("G1");
            assertThat(h.title()).isEqualTo("DMA waits for a doorbell nobody rings");
            assertThat(h.manifest()).isTrue();
        });
        assertThat(d.model()).isEqualTo("gateblk");
        assertThat(d.modelVerdict()).isEqualTo(RunDiagnosis.STALLED);
    }

    @Test
    void theTimeoutVariantCompletesAndTheReproducerSaysWhatToExpect() throws IOException {
        DriverDefinition def = DriverFile.read(ROOT.resolve("samples/drivers/gateblk.json"));
        DefinedDriver gate = DefinedDriver.of(def);
        RunDiagnosis fixed = replay(gate, def, "gateblk-timeout").diagnoses().getFirst();
        assertThat(fixed.modelVerdict()).as("the DMA gives up after 5 s and the workers finish fio's I/O").isEqualTo(RunDiagnosis.COMPLETED);
        assertThat(gate.repaired()).get().extracting(DeviceModel::name).isEqualTo("gateblk-timeout");
        Replays r = replay(gate, def, "gateblk");
        RunDiagnosis d = r.diagnoses().getFirst();
        Reproducer.Result res = Reproducer.minimise(d.run(), r.calibration(), gate.model());
        assertThat(res.hazard()).isEqualTo("G1");
        assertThat(res.sessions()).hasSize(2);
        assertThat(res.fixedCompletes()).isTrue();
        assertThat(res.expectedLog()).startsWith("gateblk: open by <daemon>; gateblk: cmd DOORBELL_ARM");
    }

    @Test
    void withoutTheFileTheLinesAreOnlyMessagesAndNothingIsReplayed() throws IOException {
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2026).load(TRACE.toString()));
        Replays r = Replays.of(trace, TRACE.toString(), io.virtblk.replay.driver.Drivers.standard(), Replays.DEFAULT_GAP);
        assertThat(r.runs()).isEmpty();
        assertThat(r.anyHang()).as("the hung task is still the kernel's report").isTrue();
    }
}
