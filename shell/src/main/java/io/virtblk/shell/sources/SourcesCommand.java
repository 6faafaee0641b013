package io.virtblk.shell.sources;

import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.input.Diagnostic;
import io.virtblk.load.LoadedSource;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sources [SOURCE...] [--json]}: what each loaded file gave, with its diagnostics. */
public final class SourcesCommand implements Command {

    @Override
    public String name() {
        return "sources";
    }

    @Override
    public String synopsis() {
        return "sources [SOURCE...] [--json]";
    }

    @Override
    public String summary() {
        return "loaded files: format, lines, events, raw lines, diagnostics";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        List<SourceIndex> all = session.store().sources();
        List<String> wanted = new ArrayList<>();
        for (String want : a.positional()) {
            String name = session.store().sourceNamed(want);
            if (name == null) {
                throw new CommandException("sources: " + session.store().noSourceNamed(want));
            }
            wanted.add(name);
        }
        List<SourceIndex> chosen = all.stream().filter(s -> wanted.isEmpty() || wanted.contains(s.summary().name())).toList();
        if (a.flag("--json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SourceIndex s : chosen) {
                rows.add(row(s, session));
            }
            session.out().println(Json.write(rows));
        } else if (chosen.isEmpty()) {
            session.out().println("no sources loaded; try: load samples/000_session.txt");
        } else {
            for (SourceIndex s : chosen) {
                LoadCommand.print(s, session, -1);
            }
        }
        session.out().flush();
    }

    static Map<String, Object> row(SourceIndex index, Session session) {
        LoadedSource s = index.summary();
        Map<String, Long> types;
        try {
            types = session.store().typesOf(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.name());
        m.put("path", s.path());
        m.put("format", s.format().id());
        m.put("gzip", s.gzip());
        m.put("crlf", s.crlf());
        m.put("lines", s.lines());
        m.put("events", types.values().stream().mapToLong(Long::longValue).sum());
        m.put("events_by_type", types);
        m.put("typed_lines", s.typedLines());
        m.put("raw_lines", s.rawLines());
        m.put("structural_lines", s.structuralLines());
        List<Map<String, Object>> diags = new ArrayList<>();
        for (Diagnostic d : s.diagnostics()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("line", d.line());
            dm.put("column", d.column());
            dm.put("message", d.message());
            diags.add(dm);
        }
        m.put("diagnostics", diags);
        m.put("diagnostics_not_kept", s.diagnosticsDropped());
        m.put("reused_index", index.reused());
        return m;
    }
}
