package io.virtblk.grammar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * syzkaller's own report test corpus ({@code ../shared/corpus/syzkaller-reports}): every console
 * log, its expectation header cut off, loaded as a kernel log; the first report found must carry
 * the title syzkaller gives it, and its type, corruption and panic where the header states them.
 * A log whose header names no title must give no report at all.
 */
class SyzkallerCorpusTest {

    @TempDir
    Path dir;

    /** What a corpus file's header expects. */
    record Expected(String file, String title, List<String> alts, String type, String frame, Boolean corrupted, Boolean panicked) {
    }

    record Outcome(Expected want, KernelEvent.Report got) {
        boolean titleRight() {
            return want.title == null ? got == null : got != null && want.title.equals(got.title());
        }
    }

    static Path corpus() {
        return TestInputs.corpus().resolve("syzkaller-reports");
    }

    /** Splits a corpus file into its header (read) and its log (written to {@code dir}). */
    static Expected split(Path file, Path logOut) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r", "");
        String[] lines = text.split("\n", -1);
        String title = null;
        String type = null;
        String frame = null;
        Boolean corrupted = null;
        Boolean panicked = null;
        List<String> alts = new ArrayList<>();
        int i = 0;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            String l = lines[i];
            if (l.startsWith("TITLE: ")) {
                title = l.substring(7).isEmpty() ? null : l.substring(7);
            } else if (l.startsWith("ALT: ")) {
                alts.add(l.substring(5));
            } else if (l.startsWith("TYPE: ")) {
                type = l.substring(6);
            } else if (l.startsWith("FRAME: ")) {
                frame = l.substring(7);
            } else if (l.startsWith("CORRUPTED: ")) {
                corrupted = l.endsWith("Y");
            } else if (l.startsWith("PANICKED: ")) {
                panicked = l.endsWith("Y");
            }
        }
        StringBuilder log = new StringBuilder();
        boolean blank = false;
        for (i++; i < lines.length; i++) {
            if (blank && lines[i].equals("REPORT:")) {
                break; // syzkaller's expected report text: test metadata too
            }
            blank = lines[i].isEmpty();
            log.append(lines[i]);
            if (i < lines.length - 1) {
                log.append('\n');
            }
        }
        Files.writeString(logOut, log.toString(), StandardCharsets.ISO_8859_1);
        return new Expected(file.getFileName().toString(), title, alts, type, frame, corrupted, panicked);
    }

    static List<KernelEvent.Report> reports(Path log) throws IOException {
        LoadedSource s = new SourceLoader(2024).load("kernel:" + log);
        List<KernelEvent.Report> out = new ArrayList<>();
        for (Event e : s.events()) {
            if (e instanceof KernelEvent.Report r) {
                out.add(r);
            }
        }
        return out;
    }

    List<Outcome> run() throws IOException {
        Path corpus = corpus();
        assumeTrue(Files.isDirectory(corpus), "no syzkaller corpus at " + corpus + " (set -Dvirtblk.corpus)");
        List<Outcome> out = new ArrayList<>();
        try (var files = Files.list(corpus)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                Path log = dir.resolve(f.getFileName() + ".log");
                Expected want = split(f, log);
                List<KernelEvent.Report> got = reports(log);
                out.add(new Outcome(want, got.isEmpty() ? null : got.getFirst()));
            }
        }
        return out;
    }

    @Test
    void firstReportsAreTitledAsSyzkallerTitlesThem() throws IOException {
        List<Outcome> all = run();
        List<Outcome> titled = all.stream().filter(o -> o.want.title != null).toList();
        List<Outcome> silent = all.stream().filter(o -> o.want.title == null).toList();
        long right = titled.stream().filter(Outcome::titleRight).count();
        StringBuilder misses = new StringBuilder();
        for (Outcome o : titled) {
            if (!o.titleRight()) {
                misses.append(String.format("  %-5s want %s%n        got  %s%n", o.want.file, o.want.title,
                        o.got == null ? "(no report)" : o.got.title() + (o.got.corrupted() ? "  [corrupted: " + o.got.corruptedReason() + "]" : "")));
            }
        }
        double rate = 100.0 * right / titled.size();
        System.out.printf("syzkaller corpus: %d of %d titles exact (%.1f %%)%n%s", right, titled.size(), rate, misses);
        Map<String, String> wrongType = new TreeMap<>();
        Map<String, String> wrongCorrupted = new TreeMap<>();
        Map<String, String> wrongPanicked = new TreeMap<>();
        Map<String, String> wrongFrame = new TreeMap<>();
        for (Outcome o : titled) {
            if (o.got == null) {
                continue;
            }
            if (o.want.type != null && !o.want.type.equals(o.got.reportType())) {
                wrongType.put(o.want.file, o.want.type + " / " + o.got.reportType());
            }
            if (o.want.corrupted != null && o.want.corrupted != o.got.corrupted()) {
                wrongCorrupted.put(o.want.file, o.want.corrupted + " / " + o.got.corrupted() + " " + o.got.corruptedReason());
            }
            if (o.want.panicked != null && o.want.panicked != o.got.panicked()) {
                wrongPanicked.put(o.want.file, o.want.panicked + " / " + o.got.panicked());
            }
            if (o.want.frame != null && !o.want.frame.equals(o.got.guiltyFrame())) {
                wrongFrame.put(o.want.file, o.want.frame + " / " + o.got.guiltyFrame());
            }
        }
        System.out.printf("types wrong: %s%ncorrupted wrong: %s%npanicked wrong: %s%nframes wrong: %s%n", wrongType, wrongCorrupted,
                wrongPanicked, wrongFrame);
        List<String> noisy = silent.stream().filter(o -> o.got != null).map(o -> o.want.file + ": " + o.got.title()).toList();
        System.out.printf("logs with nothing to report: %d, of which gave a report: %s%n", silent.size(), noisy);
        assertThat(noisy).as("logs with nothing to report give none").isEmpty();
        assertThat(rate).as("exact titles, in %").isGreaterThanOrEqualTo(90.0);
        assertThat(wrongType).as("TYPE: where the file states it").isEmpty();
        assertThat(wrongCorrupted).as("CORRUPTED: where the file states it").isEmpty();
        assertThat(wrongPanicked).as("PANICKED: where the file states it").isEmpty();
        assertThat(wrongFrame).as("FRAME: where the file states it").isEmpty();
    }

    /**
     * The same files loaded whole, expectation header and all: the header is test metadata, kept
     * as raw lines and never read as a report, so the first report is the one the log itself holds.
     */
    @Test
    void theExpectationHeaderIsNeverReadAsAReport() throws IOException {
        Path corpus = corpus();
        assumeTrue(Files.isDirectory(corpus), "no syzkaller corpus at " + corpus);
        int checked = 0;
        try (var files = Files.list(corpus)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                Path log = dir.resolve(f.getFileName() + ".log");
                Expected want = split(f, log);
                List<KernelEvent.Report> cut = reports(log);
                List<KernelEvent.Report> whole = reports(f);
                assertThat(whole.isEmpty() ? null : whole.getFirst().title()).as(f.getFileName() + " loaded with its header")
                        .isEqualTo(cut.isEmpty() ? null : cut.getFirst().title());
                if (want.title != null) {
                    assertThat(whole).as(f.getFileName() + ": the header's title line is not a report").noneMatch(r -> r.at().line() == 1
                            && r.message().startsWith("TITLE:"));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
    }
}
