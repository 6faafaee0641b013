package io.virtblk.shell.query;

import io.virtblk.analyzer.store.Schema;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fields [--json]}: every field with its kind, meaning and an example from the loaded events. */
public final class FieldsCommand implements Command {

    @Override
    public String name() {
        return "fields";
    }

    @Override
    public String synopsis() {
        return "fields [--json]";
    }

    @Override
    public String summary() {
        return "every query field with its type and an example value";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        Map<String, String> examples;
        try {
            examples = session.store().examples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = session.out();
        if (a.flag("--json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Schema.Field f : Schema.all()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", f.name());
                m.put("kind", f.kind().name().toLowerCase());
                m.put("description", f.description());
                m.put("example", examples.get(f.name()));
                rows.add(m);
            }
            out.println(Json.write(rows));
        } else {
            for (Schema.Field f : Schema.all()) {
                String ex = examples.get(f.name());
                out.printf("%-16s %-8s %s%s%n", f.name(), f.kind().name().toLowerCase(), f.description(), ex == null ? "" : "  e.g. " + ex);
            }
        }
        out.flush();
    }
}
