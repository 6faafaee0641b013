package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample and trace gives the same answers, byte for byte, as recorded in
 * {@code src/test/resources/answers/}: {@code check --json}, {@code replay --json} on the model as
 * written and on its fixed variant, {@code replay --step}, {@code sessions --json} and
 * {@code repro --json} with the job file it writes. Scripts read these; a refactoring that moves
 * a driver (or reorders a JSON object) must not change a byte of them.
 *
 * <p>When an answer is meant to change, write the new ones with
 * {@code mvn test -pl shell -Dtest=AnswersStayTheSameTest -Dvirtblk.answers.write=true}, read the
 * diff, and commit it with the change that explains it.
 */
class AnswersStayTheSameTest {

    private static final Path ROOT = Path.of(System.getProperty("virtblk.root", ".."));
    private static final Path ANSWERS = ROOT.resolve("shell/src/test/resources/answers");
    private static final boolean WRITE = Boolean.getBoolean("virtblk.answers.write");

    @TempDir
    Path tmp;

    static List<Path> inputs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("samples/000_session.txt"), ROOT.resolve("samples/001_kernel_reports.log")));
        try (Stream<Path> traces = Files.list(ROOT.resolve("replay/src/test/resources/traces"))) {
            traces.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(out::add);
        }
        return out;
    }

    /** What a user's script sees, with what differs from run to run and machine to machine (load times, paths) taken out. */
    private String answers(Path original) throws IOException {
        // a syslog stamp has no year: it is taken from the file's time, so each input is read from a copy of a fixed time
        Path input = tmp.resolve("in").resolve(ROOT.relativize(original));
        Files.createDirectories(input.getParent());
        Files.copy(original, input, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(input, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-30T12:00:00Z")));
        String file = input.toString();
        Path job = tmp.resolve("repro.fio");
        BatchModeTest.Run check = BatchModeTest.runCheck("--json", file);
        BatchModeTest.Run shell = BatchModeTest.run("-c", "replay --json", "-c", "replay --model virtblkiosim-fixed --json", "-c", "replay --step",
                "-c", "sessions --json", "-c", "repro --json --out " + job, file);
        StringBuilder sb = new StringBuilder();
        sb.append("== check --json: exit ").append(check.code()).append('\n').append(check.out());
        sb.append("== replay, replay --model virtblkiosim-fixed, replay --step, sessions, repro (--json): exit ").append(shell.code()).append('\n')
                .append(shell.out());
        if (Files.exists(job)) {
            sb.append("== the job file repro wrote\n").append(Files.readString(job));
        }
        // where the checkout is differs from machine to machine: the inputs' folder is written ROOT
        return sb.toString().replaceAll("\\(\\d+ ms\\)", "(… ms)").replace(job.toString(), "REPRO.fio").replace(tmp.resolve("in") + "/", "ROOT/");
    }

    @TestFactory
    Stream<DynamicTest> everySampleAndTraceAnswersAsRecorded() throws IOException {
        return inputs().stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String now = answers(input);
            Path recorded = ANSWERS.resolve(input.getFileName() + ".answers");
            if (WRITE) {
                Files.createDirectories(ANSWERS);
                Files.writeString(recorded, now, StandardCharsets.UTF_8);
            }
            assertThat(recorded).as("recorded answers (write them with -Dvirtblk.answers.write=true)").exists();
            assertThat(now).as(input + " against " + recorded).isEqualTo(Files.readString(recorded, StandardCharsets.UTF_8));
        }));
    }
}
