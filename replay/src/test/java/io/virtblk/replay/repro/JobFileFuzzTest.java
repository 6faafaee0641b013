package io.virtblk.replay.repro;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any job names, option names and values, as a damaged or hostile log could give them, either
 * make a job file that is safe to hand to fio — every line a comment, a blank, a safe section or
 * an option this writer knows ({@link JobFileTest#assertJobFileIsSafe}) — and that reads back as
 * exactly the sections and options given, or are refused with a {@link JobFile.Refused} that says
 * where the value came from and shows it without control characters (a message may reach a
 * terminal). Any other exception is a failure.
 */
class JobFileFuzzTest {

    private static final List<String> KNOWN = List.of("filename", "direct", "bs", "size", "ioengine", "iodepth", "rw");
    private static final String FROM = "fio's job header at fuzz.log:1";

    /** A section as given, to compare with the one read back from the file. */
    private record Section(String name, Map<String, String> options) {
    }

    @FuzzTest
    void jobFile(FuzzedDataProvider data) {
        JobFile file = new JobFile();
        List<Section> given = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        try {
            for (int parts = data.consumeInt(0, 6); parts > 0; parts--) {
                if (data.consumeBoolean()) {
                    String c = data.consumeString(120);
                    file.comment(c);
                    comments.add(c);
                    continue;
                }
                String name = data.consumeBoolean() ? "global" : data.consumeString(80);
                Map<String, String> options = JobFile.options();
                for (int n = data.consumeInt(0, 8); n > 0; n--) {
                    // mostly options the writer knows, so the values get tried, not only the names
                    String key = data.consumeInt(0, 3) > 0 ? data.pickValue(KNOWN) : data.consumeString(20);
                    options.put(key, data.consumeString(70));
                }
                file.section(name, options, FROM);
                given.add(new Section(name, new LinkedHashMap<>(options)));
            }
        } catch (JobFile.Refused e) {
            assertThat(e.getMessage()).contains("(" + FROM + ")");
            assertThat(e.getMessage().chars().filter(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0).count())
                    .as("control characters in the refusal %s", e.getMessage()).isZero();
            return;
        }
        String text = file.toString();
        JobFileTest.assertJobFileIsSafe(text);
        assertThat(sectionsOf(text)).as("the sections read back from\n%s", text).isEqualTo(given);
        assertThat(text.lines().filter(l -> l.startsWith("# ")).count()).isEqualTo(comments.size());
    }

    /** The sections of a job file as fio reads them: {@code [name]}, then {@code key=value} lines; comments and blanks skipped. */
    private static List<Section> sectionsOf(String text) {
        List<Section> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("[")) {
                out.add(new Section(line.substring(1, line.length() - 1), new LinkedHashMap<>()));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                out.getLast().options().put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
