package io.virtblk.shell.replay;

import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.shell.command.Style;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code check} prints by default: per source, how many runs got each verdict, then every
 * run that did not complete in full. A healthy 2M-line log has tens of thousands of runs, and
 * printing each (75,442 lines) buried the one line a CI log reader looks for; {@code --verbose}
 * prints every run as {@code replay} does.
 */
public final class CheckSummary {

    private CheckSummary() {
    }

    public static void print(List<Replays> all, PrintWriter out) {
        for (Replays r : all) {
            Map<String, Integer> verdicts = new TreeMap<>();
            r.diagnoses().forEach(d -> verdicts.merge(d.verdict(), 1, Integer::sum));
            if (!r.runs().isEmpty()) {
                StringBuilder line = new StringBuilder(Style.visible(r.trace().source())).append(": ")
                        .append(String.format("%,d", r.diagnoses().size())).append(r.diagnoses().size() == 1 ? " run" : " runs");
                String sep = ": ";
                for (var e : verdicts.entrySet()) {
                    line.append(sep).append(String.format("%,d", e.getValue())).append(' ').append(e.getKey());
                    sep = ", ";
                }
                out.println(line);
            }
        }
        // the runs that did not complete, and the sources with nothing to replay, as replay prints them
        ReplayView.text(all, d -> !d.verdict().equals(RunDiagnosis.COMPLETED), out, null);
        if (all.stream().allMatch(r -> r.diagnoses().stream().allMatch(d -> d.verdict().equals(RunDiagnosis.COMPLETED)))
                && all.stream().anyMatch(r -> !r.runs().isEmpty())) {
            out.println("every run completed (check --verbose prints each)");
        }
    }
}
