package io.virtblk.shell;

import io.virtblk.input.Diagnostic;
import io.virtblk.load.LoadedSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sources [SOURCE...] [--json]}: what each loaded file gave, with its diagnostics. */
final class SourcesCommand implements Command {

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
        List<LoadedSource> chosen = new ArrayList<>();
        for (LoadedSource s : session.workspace().sources()) {
            if (a.positional().isEmpty() || a.positional().contains(s.name())) {
                chosen.add(s);
            }
        }
        for (String want : a.positional()) {
            if (session.workspace().source(want).isEmpty()) {
                throw new CommandException("sources: no source named " + want + "; loaded: "
                        + String.join(", ", session.workspace().sources().stream().map(LoadedSource::name).toList()));
            }
        }
        if (a.flag("--json")) {
            session.out().println(Json.write(chosen.stream().map(SourcesCommand::row).toList()));
        } else if (chosen.isEmpty()) {
            session.out().println("no sources loaded; try: load samples/000_session.txt");
        } else {
            for (LoadedSource s : chosen) {
                LoadCommand.print(s, session);
            }
        }
        session.out().flush();
    }

    static Map<String, Object> row(LoadedSource s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.name());
        m.put("path", s.path());
        m.put("format", s.format().id());
        m.put("gzip", s.gzip());
        m.put("crlf", s.crlf());
        m.put("lines", s.lines());
        m.put("events", s.events().size());
        m.put("events_by_type", s.eventsByType());
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
        return m;
    }
}
