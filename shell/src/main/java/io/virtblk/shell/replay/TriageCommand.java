package io.virtblk.shell.replay;

import io.virtblk.event.KernelEvent;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code triage [SOURCE...] [--json]}: what went wrong in the kernel, in one line per report,
 * titled as syzkaller titles it, with its guilty frame in context. The first report of a source
 * is its primary one.
 */
public final class TriageCommand implements Command {

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public String synopsis() {
        return "triage [SOURCE...] [--json]";
    }

    @Override
    public String summary() {
        return "the kernel's reports (oops, BUG, WARNING, KASAN, lockdep, hung task, stall, panic) titled as syzkaller titles them";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        List<String> sources = sources(session, a.positional());
        try {
            if (a.flag("--json")) {
                Json.write(session.out(), json(session, sources));
            } else {
                text(session, sources, session.out());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.out().flush();
    }

    /** The loaded sources named (by name as loaded, or by file name), or all of them. */
    static List<String> sources(Session session, List<String> typed) {
        if (session.store().sources().isEmpty()) {
            throw new CommandException("triage: nothing loaded; try: load /var/log/kern.log");
        }
        if (typed.isEmpty()) {
            return session.store().summaries().stream().map(s -> s.name()).toList();
        }
        List<String> out = new ArrayList<>();
        for (String t : typed) {
            String name = session.store().sourceNamed(t);
            if (name == null) {
                throw new CommandException("triage: " + session.store().noSourceNamed(t));
            }
            out.add(name);
        }
        return out;
    }

    public static Map<String, Object> json(Session session, List<String> sources) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String s : sources) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", s);
            m.put("reports", KernelReports.of(session.store(), s).stream().map(KernelReports::json).toList());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sources", list);
        return out;
    }

    public static void text(Session session, List<String> sources, PrintWriter out) throws IOException {
        for (String s : sources) {
            List<KernelEvent.Report> reports = KernelReports.of(session.store(), s);
            if (reports.isEmpty()) {
                out.println(s + ": no kernel reports (no oops, BUG, WARNING, sanitizer, lockdep, hung task, lockup, stall or panic)");
                continue;
            }
            out.printf("%s: %d kernel report%s; the first is the primary one%n", s, reports.size(), reports.size() == 1 ? "" : "s");
            KernelEvent.Report panic = KernelReports.panicFollowed(reports);
            for (KernelEvent.Report r : reports) {
                KernelReports.text(session.store(), s, r, r == panic, out);
            }
        }
    }
}
