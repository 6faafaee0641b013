package io.virtblk.shell;

import io.virtblk.grammar.report.ReportRules;
import io.virtblk.replay.Replays;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import io.virtblk.replay.block.DeviceDiagnosis;
import io.virtblk.shell.replay.BlockCase;
import io.virtblk.shell.replay.BlockView;
import io.virtblk.shell.replay.CheckSummary;
import io.virtblk.shell.replay.KernelReports;
import io.virtblk.shell.replay.ReplayView;
import io.virtblk.shell.replay.TriageCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Without the shell, for CI pipelines:
 * <ul>
 *   <li>{@code virtblk-shell check [--json] FILE...}: the replay's diagnosis and the kernel's
 *       reports. Exit 0 when nothing is wrong, 3 when a run stalled or the kernel reported a
 *       hang, lockup or stall, 4 when the kernel reported any other bug (a crash, a warning,
 *       lockdep, a sanitizer) and nothing stalled, 1 when an input cannot be read, 2 on a usage
 *       error. Block traces loaded with them are one case on one clock: each device's verdict
 *       ({@code devices} in JSON); a {@code stalled} or {@code blocked-above} device exits 3,
 *       {@code healthy} and {@code throttled} leave the code to the rest.</li>
 *   <li>{@code virtblk-shell triage [--json] FILE...}: the kernel's reports alone, as the prompt's
 *       {@code triage} prints them. Exit 0, or 1 and 2 as above.</li>
 * </ul>
 */
final class Check {

    private Check() {
    }

    static int run(String command, String[] args, PrintWriter out, PrintWriter err) {
        boolean json = false;
        boolean verbose = false;
        StartOptions options = new StartOptions();
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                if (options.filesOnly) {
                    files.add(args[i]);
                    continue;
                }
                int used = options.take(command, args, i);
                if (used >= 0) {
                    i = used;
                } else if (args[i].equals("--json")) {
                    json = true;
                } else if (args[i].equals("--verbose") || args[i].equals("-v")) {
                    verbose = true;
                } else if (args[i].startsWith("-") && args[i].length() > 1) {
                    throw new UsageException(command + ": unknown option: " + args[i] + "; use one of: --json, --verbose, " + StartOptions.LIST);
                } else {
                    files.add(args[i]);
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            return Main.USAGE;
        }
        Path cache = options.cache;
        List<Path> reportFiles = options.reportFiles;
        if (files.isEmpty()) {
            err.println(command + ": name the files to " + (command.equals("check") ? "diagnose" : "triage") + ", e.g. " + command
                    + " samples/000_session.txt");
            return Main.USAGE;
        }
        ReportRules reports;
        io.virtblk.grammar.driver.DriverLines drivers;
        try {
            reports = ReportTables.load(reportFiles, err);
            drivers = DriverTables.load(options.driverFiles, err);
        } catch (UsageException e) {
            err.println(command + ": " + e.getMessage());
            return Main.USAGE;
        }
        try (Session session = new Session(cache, reports, options.limits, drivers, new PrintWriter(PrintWriter.nullWriter()), err)) {
            List<io.virtblk.shell.sources.LoadTargets.Target> inputs = new ArrayList<>();
            for (String f : files) {
                try {
                    // a folder is its files, a capture's bundle its inputs: as load reads them
                    inputs.addAll(io.virtblk.shell.sources.LoadTargets.expand(f));
                } catch (io.virtblk.shell.command.CommandException | java.io.UncheckedIOException e) {
                    err.println(command + ": " + e.getMessage().replaceFirst("^load: ", ""));
                    return Main.FAILED;
                }
            }
            for (var input : inputs) {
                String f = input.spec();
                try {
                    session.store().load(f);
                } catch (io.virtblk.load.SourceLoader.NotText e) {
                    err.println(command + ": " + e.getMessage() + (input.expanded() ? " (skipped)" : ""));
                    if (!input.expanded()) {
                        return Main.FAILED;
                    }
                } catch (IOException | RuntimeException e) {
                    err.println(command + ": " + f + ": cannot read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                    return Main.FAILED;
                }
            }
            // a verdict needs something read: "nothing wrong" about a file not understood would be a wrong answer
            List<String> unknown = session.store().summaries().stream()
                    .filter(s -> s.format() == io.virtblk.load.InputFormat.UNKNOWN && s.typedLines() == 0).map(s -> s.name()).toList();
            for (String u : unknown) {
                err.println(command + ": " + u + ": cannot tell what this is (not a transcript, fio output, a fio log or a kernel log); "
                        + "force a format with kernel:, fio: or transcript:");
            }
            if (!unknown.isEmpty() && unknown.size() == session.store().summaries().size()) {
                return Main.FAILED;
            }
            if (command.equals("triage")) {
                List<String> names = session.store().summaries().stream().map(s -> s.name()).toList();
                if (json) {
                    Json.write(out, TriageCommand.json(session, names));
                } else {
                    TriageCommand.text(session, names, out);
                }
                out.flush();
                return Main.OK;
            }
            List<Replays> all = new ArrayList<>();
            for (var s : session.store().sources()) {
                // a block trace has no driver sessions to replay: its devices are judged below
                if (s.summary().format() != io.virtblk.load.InputFormat.BLOCK_TRACE) {
                    all.add(session.replays(s, null, Replays.DEFAULT_GAP));
                }
            }
            // the files of one call are one case on one clock: the trace's devices meet the log's hung tasks
            List<DeviceDiagnosis> devices = BlockCase.any(session) ? BlockCase.diagnose(session) : List.of();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>(ReplayView.json(all, null));
                m.put("reports", reportsJson(all));
                m.put("devices", BlockView.json(devices));
                Json.write(out, m);
            } else {
                // with devices judged, a source with neither driver sessions nor kernel reports (fio's output, a quiet
                // kernel log of the same case) has nothing to add to their verdicts
                List<Replays> said = devices.isEmpty() ? all
                        : all.stream().filter(r -> !r.runs().isEmpty() || !r.reports().isEmpty()).toList();
                if (verbose) {
                    ReplayView.text(said, (Integer) null, out);
                } else {
                    CheckSummary.print(said, out);
                }
                BlockView.text(devices, verbose, out);
            }
            out.flush();
            // a stalled or blocked-above device is a hang, which outranks any other report as in exitCode
            return devices.stream().anyMatch(d -> d.verdict().failure()) ? Main.STALLED : exitCode(all);
        } catch (IOException | RuntimeException e) {
            err.println(command + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** 3 for any stall or kernel hang report, else 4 for any other kernel report, else 0. */
    static int exitCode(List<Replays> all) {
        if (all.stream().anyMatch(Replays::anyHang)) {
            return Main.STALLED;
        }
        return all.stream().anyMatch(Replays::anyReport) ? Main.KERNEL_BUG : Main.OK;
    }

    /** Every source's reports in log order, each with its source. */
    static List<Map<String, Object>> reportsJson(List<Replays> all) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Replays r : all) {
            for (var report : r.reports()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", r.trace().source());
                m.putAll(KernelReports.json(report));
                out.add(m);
            }
        }
        return out;
    }
}
