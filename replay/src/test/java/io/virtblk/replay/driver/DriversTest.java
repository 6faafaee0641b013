package io.virtblk.replay.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.event.KernelEvent;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.driver.toy.ToyDriver;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.repro.Reproducer;
import io.virtblk.replay.trace.LoadedTrace;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry finds drivers by their one services line, and replay runs any driver it finds without naming it. */
class DriversTest {

    private static final Path TRACES = Path.of(System.getProperty("virtblk.root", ".."), "replay/src/test/resources/traces");

    @Test
    void virtblkiosimIsTheStandardDriverAndItsModelsAreListedByName() {
        assertThat(Drivers.all()).extracting(Driver::name).startsWith("virtblkiosim");
        assertThat(Drivers.modelNames()).startsWith("virtblkiosim", "virtblkiosim-fixed");
        assertThat(Drivers.standard().name()).isEqualTo("virtblkiosim");
        assertThat(Drivers.model(null)).isSameAs(Drivers.standard());
        for (Driver d : Drivers.all()) {
            for (DeviceModel m : d.models()) {
                assertThat(Drivers.model(m.name()).driver().name()).as(m.name()).isEqualTo(d.name());
            }
        }
    }

    @Test
    void anUnknownModelIsRefusedNamingEveryModelThereIs() {
        assertThatThrownBy(() -> Drivers.model("virtblkiosim-fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model: virtblkiosim-fast; use one of: " + String.join(", ", Drivers.modelNames()));
    }

    /** What a new driver's author adds besides their package: one line naming the class, found beside the others. */
    @Test
    void aDriverIsFoundByOneServicesLine(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + Driver.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, ToyDriver.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<Driver> found = Drivers.load(loader);
            assertThat(found).extracting(Driver::name).containsExactly("virtblkiosim", "toyblk");
        }
    }

    @Test
    void twoDriversOfferingOneModelNameAreRefused(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + Driver.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, ToyDriver.class.getName() + "\n" + ToyDriver.Twin.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> Drivers.load(loader)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("model 'toyblk' is offered by both toyblk and toyblk");
        }
    }

    /** Sessions, simulator, diagnosis and reproducer ask the driver: a toy's hazard, explanation and log come out. */
    @Test
    void replayDiagnosesWithAnyDriversModelHazardsAndExplanations() throws IOException {
        Path file = TRACES.resolve("h2_user_app_stops_set_block_while_fio_runs.txt");
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(file.toString()));
        DeviceModel toy = new ToyDriver().model();
        Replays r = Replays.of(trace, file.toString(), toy, Replays.DEFAULT_GAP);
        assertThat(r.model()).isEqualTo("toyblk");
        RunDiagnosis d = r.diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().hazard()).isEqualTo("T1");
        assertThat(d.stall().explanation()).startsWith("toyblk hangs on its first transfer (line ");
        assertThat(d.hazards()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("T1");
            assertThat(h.title()).isEqualTo("hangs on a transfer");
            assertThat(h.manifest()).isTrue();
        });
        Reproducer.Result res = Reproducer.minimise(d.run(), r.calibration(), toy);
        assertThat(res.hazard()).isEqualTo("T1");
        assertThat(res.fixedCompletes()).as("toyblk has no fixed variant to complete on").isFalse();
        assertThat(res.expectedLog()).isEqualTo("toyblk: a transfer, then nothing\n");
    }

    /**
     * A Java driver's message recogniser is its own too: the toy's grammar (its package, and one
     * line in the test's {@code META-INF/services/io.virtblk.grammar.driver.DriverGrammar}) turns
     * toyblk's lines into device events at load, a line it cannot read is a diagnostic at its
     * column, and the toy's model diagnoses what they did.
     */
    @Test
    void aJavaDriverRecognisesItsOwnLines(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("toy.log");
        Files.writeString(log, """
                [  100.000000] toyblk: open 0001
                [  100.000100] toyblk: flush
                [  100.000200] toyblk: transfer write
                [  100.000300] toyblk: wobble
                [  223.000000] INFO: task fio:4242 blocked for more than 120 seconds.
                [  223.000010] Call Trace:
                [  223.000020]  <TASK>
                [  223.000030]  __schedule+0x2e4/0x6e0
                [  223.000040]  io_schedule+0x46/0x70
                [  223.000050]  blk_mq_get_tag+0x11b/0x2a0
                [  223.000060]  </TASK>
                """);
        LoadedSource loaded = new SourceLoader(2026).load(log.toString());
        assertThat(loaded.events()).extracting(e -> switch (e) {
            case KernelEvent.Engage x -> x.device() + " open " + x.privateData();
            case KernelEvent.IoctlCall x -> x.device() + " ioctl " + x.ioctl().name();
            case KernelEvent.DataTransfer x -> x.device() + " transfer " + x.dir();
            case KernelEvent.Release x -> x.device() + " close " + x.privateData();
            default -> e.type();
        }).startsWith("toyblk open 0001", "toyblk ioctl BLKFLSBUF", "toyblk transfer 1", "raw").contains("report");
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("expected open, close, flush or transfer, found 'wobble'");
        });
        Replays r = Replays.of(new LoadedTrace(loaded), log.toString(), new ToyDriver().model(), Replays.DEFAULT_GAP);
        RunDiagnosis d = r.diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().hazard()).isEqualTo("T1");
        assertThat(d.stall().explanation()).startsWith("toyblk hangs on its first transfer (line 3");
    }
}
