package io.virtblk.shell.query;

import io.virtblk.analyzer.store.Hit;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Settings;
import io.virtblk.shell.command.Style;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints hits: one line each as text, or JSON with every schema field the event has. */
final class Hits {

    private Hits() {
    }

    static void print(List<Hit> hits, long total, boolean json, Session session) {
        var out = session.out();
        if (json) {
            out.println(Json.write(hits.stream().map(h -> row(h, session.settings())).toList()));
        } else {
            // one width for the place column of the whole answer, so rows stay aligned when line numbers grow (9 to 10, 99 to 100)
            int placeWidth = hits.stream().mapToInt(h -> Style.visible(where(h)).length()).max().orElse(0);
            for (Hit h : hits) {
                String shownTime = session.settings().zone() != null && h.fields().get("time") instanceof String t
                        ? "  (" + session.settings().showTime(t) + ")" : "";
                out.printf("%-" + Math.max(1, placeWidth) + "s  %s %s%s%n", Style.visible(where(h)),
                        Style.cyan(session.settings(), String.format("%-14s", h.type())), Style.visible(shown(h)), shownTime);
            }
            if (total > hits.size()) {
                out.printf("... %d more (use --limit N)%n", total - hits.size());
            }
        }
        out.flush();
    }

    static Map<String, Object> row(Hit h) {
        return row(h, null);
    }

    static Map<String, Object> row(Hit h, Settings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", h.source());
        m.put("line", h.line());
        m.put("end_line", h.endLine());
        m.put("type", h.type());
        m.put("raw", h.raw());
        Map<String, Object> fields = new LinkedHashMap<>(h.fields());
        fields.remove("type");
        fields.remove("line");
        fields.remove("end_line");
        if (settings != null && fields.get("time") instanceof String t) {
            fields.put("time", settings.showTime(t));
        }
        m.put("fields", fields);
        if (h.event() != null) {
            m.put("event", Json.event(h.event()));
        }
        return m;
    }

    /** What a row shows of the event: a summary for a structured one ({@link RowSummary}), else its first line as written. */
    private static String shown(Hit h) {
        String summary = RowSummary.of(h);
        return summary != null ? summary + (h.line() == h.endLine() ? "" : "  [" + (h.endLine() - h.line() + 1) + " lines]") : firstLine(h.raw());
    }

    private static String where(Hit h) {
        return h.source() + ":" + (h.line() == h.endLine() ? h.line() : h.line() + "-" + h.endLine());
    }

    private static String firstLine(String raw) {
        int nl = raw.indexOf('\n');
        return nl < 0 ? raw : raw.substring(0, nl) + " [+" + raw.chars().filter(c -> c == '\n').count() + " lines]";
    }
}
