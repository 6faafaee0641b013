package io.virtblk.shell.replay;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventSearch;
import io.virtblk.event.KernelEvent;
import io.virtblk.shell.command.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's reports of a source, as {@code triage} and {@code check} show them: one line per
 * report ({@code SOURCE:LINE TYPE TITLE}) and its guilty frame in context, or the JSON contract
 * {@code {"source","reports":[{"title","alt_titles","type","line","end_line","frame","corrupted",
 * "panicked","task","pid","cpu"}]}}, reports in log order (the first is the primary one).
 */
public final class KernelReports {

    private KernelReports() {
    }

    /** The source's reports in log order, read whole from the store. */
    static List<KernelEvent.Report> of(EventSearch store, String source) throws IOException {
        List<KernelEvent.Report> out = new ArrayList<>();
        store.scan("source:" + EventQueries.quote(source) + " AND type:report", List.of(), Set.of("report"), row -> {
            if (row.event() instanceof KernelEvent.Report r) {
                out.add(r);
            }
        });
        return out;
    }

    public static Map<String, Object> json(KernelEvent.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.title());
        m.put("alt_titles", r.altTitles());
        m.put("type", r.reportType());
        m.put("line", r.at().line());
        m.put("end_line", r.at().endLine());
        m.put("frame", r.guiltyFrame());
        m.put("corrupted", r.corrupted());
        m.put("panicked", r.panicked());
        m.put("task", r.task());
        m.put("pid", r.pid());
        m.put("cpu", r.cpu());
        m.put("class", r.reportClass().word());
        m.put("kind", r.kind());
        m.put("corrupted_reason", r.corruptedReason());
        m.put("first_line", r.message());
        return m;
    }

    /** {@code SOURCE:LINE TYPE TITLE}, with what makes it less certain. */
    static String line(String source, KernelEvent.Report r) {
        return Style.visible(source) + ":" + r.at().line() + " " + r.reportType() + " " + Style.visible(r.title())
                + (r.corrupted() ? "  (corrupted: " + r.corruptedReason() + ")" : "");
    }

    /**
     * The report the kernel's panic followed: every report before a panic is "panicked" (the
     * kernel died after it, as syzkaller counts it), the last of them is the one it followed.
     */
    static KernelEvent.Report panicFollowed(List<KernelEvent.Report> reports) {
        KernelEvent.Report last = null;
        for (KernelEvent.Report r : reports) {
            if (r.panicked()) {
                last = r;
            }
        }
        return last;
    }

    /**
     * The line that names the guilty frame: a certain frame of the call trace, else the first line
     * of the report calling it ({@code RIP: 0010:foo+0x12/0x30}, the report's own first line), else
     * a questionable frame; the report's first line when none does.
     */
    private static int guiltyLine(EventSearch store, String source, KernelEvent.Report r) throws IOException {
        String g = r.guiltyFrame();
        if (g == null || g.equals("corrupted")) {
            return r.at().line();
        }
        for (KernelEvent.Frame f : r.frames()) {
            if (!f.uncertain() && f.function().equals(g)) {
                return f.line();
            }
        }
        for (int l = r.at().line(); l <= r.at().endLine() && l < r.at().line() + 400; l++) {
            String text = store.lineText(source, l);
            int i = text.indexOf(g);
            if (i >= 0 && !text.contains(" ? ") && (i + g.length() == text.length() || !Character.isJavaIdentifierPart(text.charAt(i + g.length())))) {
                return l;
            }
        }
        for (KernelEvent.Frame f : r.frames()) {
            if (f.function().equals(g) || f.function().endsWith("_" + g)) {
                return f.line();
            }
        }
        return r.at().line();
    }

    /**
     * The report's line, then the call-trace line of its guilty frame with one line either side
     * ({@code >} marks it); when the stack does not hold the frame (its first line named it), that
     * first line and the task it names.
     */
    static void text(EventSearch store, String source, KernelEvent.Report r, boolean panicFollowed, PrintWriter out) throws IOException {
        out.println(line(source, r) + (panicFollowed ? "  - then the kernel panicked" : ""));
        int at = guiltyLine(store, source, r);
        int from = Math.max(r.at().line(), at - 1);
        int to = Math.min(r.at().endLine(), at + 1);
        for (int l = from; l <= to; l++) {
            out.printf("  %s %7d  %s%n", l == at ? ">" : " ", l, Style.visible(store.lineText(source, l)));
        }
        List<String> who = new ArrayList<>();
        if (r.task() != null) {
            who.add("task " + r.task() + (r.pid() == null ? "" : " (pid " + r.pid() + ")"));
        }
        if (r.cpu() != null) {
            who.add("CPU " + r.cpu());
        }
        if (r.seconds() != null) {
            who.add(String.format(java.util.Locale.ROOT, "%.0f s", r.seconds()));
        }
        out.printf("    %s%s; lines %d-%d%n", r.reportClass().word(), who.isEmpty() ? "" : ", " + String.join(", ", who),
                r.at().line(), r.at().endLine());
    }
}
