package io.virtblk.shell;

import io.virtblk.grammar.json.UserFiles;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of kernel report kinds a session reads logs with: the shipped one, then every
 * {@code *.json} under {@code ~/.config/virtblk-shell/reports/} (by name), then the files given
 * with {@code --reports FILE}. A bad file named on the command line stops the start with its
 * file, line and field; a bad file in the config folder is skipped with the same message, so one
 * broken file does not lock a user out of the tool.
 */
final class ReportTables {

    private ReportTables() {
    }

    static ReportRules load(List<Path> given, PrintWriter err) {
        List<Path> configured;
        try {
            configured = new ArrayList<>(UserFiles.in(ReportRules.userDir()));
        } catch (IOException e) {
            err.println("virtblk-shell: cannot list " + ReportRules.userDir() + ": " + e.getMessage() + "; using the shipped report kinds");
            configured = new ArrayList<>();
        }
        while (true) {
            List<Path> all = new ArrayList<>(configured);
            all.addAll(given);
            try {
                return all.isEmpty() ? ReportRules.builtIn() : ReportRules.of(all);
            } catch (IOException e) {
                String message = e.getMessage();
                Path bad = configured.stream().filter(p -> message.startsWith(p.toString())).findFirst().orElse(null);
                if (bad == null) {
                    throw new UsageException("report kinds: " + message);
                }
                err.println("virtblk-shell: skipping " + bad + ": " + message);
                configured.remove(bad);
            }
        }
    }
}
