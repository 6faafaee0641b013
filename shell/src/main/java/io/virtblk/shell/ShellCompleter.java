package io.virtblk.shell;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.Schema;
import io.virtblk.replay.driver.Drivers;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.fio.JobRun;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first; then a command's options (read from its synopsis), file
 * paths for commands that take files, field names in queries, and after {@code field:} the
 * values that occur in the loaded events ({@code ioctl.name:BL<TAB>} gives {@code BLKFLSBUF}), and
 * for {@code latency} and {@code histogram} the loaded fio jobs, then each run of one as {@code JOB@LINE}.
 */
final class ShellCompleter implements Completer {

    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");
    private static final Set<String> FILE_COMMANDS = Set.of("load", "export", "source");
    private static final Set<String> QUERY_COMMANDS = Set.of("query", "count", "stats", "export");

    private static final Set<String> JOB_COMMANDS = Set.of("latency", "histogram");

    private final Commands commands;
    private final Session session;
    private final Completer files = new Completers.FileNameCompleter();

    ShellCompleter(Commands commands, Session session) {
        this.commands = commands;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        try {
            candidates(reader, line, out);
        } catch (RuntimeException e) {
            // completion is a convenience: a fault in it must cost the Tab, never the line being typed or the session
            out.clear();
        }
    }

    private void candidates(LineReader reader, ParsedLine line, List<Candidate> out) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (index == 0) {
            for (Command c : commands.all()) {
                out.add(new Candidate(c.name(), c.name(), null, c.summary(), null, null, true));
            }
            out.add(new Candidate("quit", "quit", null, "leave", null, null, true));
            out.add(new Candidate("exit", "exit", null, "leave", null, null, true));
            return;
        }
        String command = words.getFirst();
        Command c = commands.find(command).orElse(null);
        if (c == null) {
            return;
        }
        if (word.startsWith("-")) {
            Matcher m = OPTION.matcher(c.synopsis());
            while (m.find()) {
                out.add(new Candidate(m.group()));
            }
            return;
        }
        String previous = index > 0 ? words.get(index - 1) : "";
        if (previous.equals("--model")) {
            Drivers.modelNames().forEach(name -> out.add(new Candidate(name)));
            return;
        }
        if (previous.equals("--dir")) {
            List.of("read", "write", "trim").forEach(d -> out.add(new Candidate(d)));
            return;
        }
        if (previous.equals("--source")) {
            session.store().summaries().forEach(x -> out.add(new Candidate(x.name())));
            return;
        }
        if (JOB_COMMANDS.contains(command) && !previous.startsWith("--")) {
            jobs(word, out);
            return;
        }
        if (previous.equals("--by") || previous.equals("--sort") || previous.equals("--histogram")) {
            Schema.all().forEach(f -> out.add(new Candidate(f.name(), f.name(), null, f.description(), null, null, true)));
            return;
        }
        if (command.equals("help")) {
            commands.all().forEach(x -> out.add(new Candidate(x.name())));
            return;
        }
        if (FILE_COMMANDS.contains(command) && !(command.equals("export") && index == 1) && !(command.equals("export") && index > 2)) {
            files.complete(reader, line, out);
            return;
        }
        if (command.equals("export") && index == 1) {
            List.of("json", "ndjson", "csv").forEach(f -> out.add(new Candidate(f)));
            return;
        }
        if (QUERY_COMMANDS.contains(command)) {
            int colon = word.indexOf(':');
            if (colon > 0) {
                String field = word.substring(0, colon);
                String typed = word.substring(colon + 1);
                boolean quoted = typed.startsWith("\"");
                try {
                    // inserted as the query syntax reads it (name\=1M_seqrw, or "name=1M_seqrw" when a quote was typed):
                    // a value completed raw could fail to parse or mean something else
                    for (String v : session.store().values(field, io.virtblk.analyzer.store.EventQueries.unescape(typed), 50)) {
                        String value = quoted ? EventQueries.quote(v) : EventQueries.escape(v);
                        out.add(new Candidate(field + ":" + value, v, null, null, null, null, true));
                    }
                } catch (java.io.IOException e) {
                    // no values to offer: completion is a convenience
                }
                return;
            }
            Schema.all().forEach(f -> out.add(new Candidate(f.name() + ":", f.name() + ":", null, f.description(), null, null, false)));
        }
    }

    /**
     * The loaded fio jobs by name; once the word has an {@code @}, each run of that job as
     * {@code JOB@LINE} (a name given twice in one log is told apart by its line).
     */
    private void jobs(String word, List<Candidate> out) {
        List<JobRun> runs;
        try {
            runs = JobRun.all(session);
        } catch (RuntimeException e) {
            return; // nothing to offer: completion is a convenience
        }
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        int at = word.lastIndexOf('@');
        for (JobRun r : runs) {
            if (at >= 0 && r.row().job().equals(word.substring(0, at))) {
                if (seen.add(r.handle())) {
                    out.add(new Candidate(r.handle(), r.handle(), null, r.where(), null, null, true));
                }
            } else if (at < 0 && seen.add(r.row().job())) {
                out.add(new Candidate(r.row().job(), r.row().job(), null, null, null, null, true));
            }
        }
    }
}
