package io.virtblk.shell.replay;

import io.virtblk.replay.session.Attribution;
import io.virtblk.replay.session.Clue;
import io.virtblk.replay.session.Reading;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.RunCommand;
import io.virtblk.shell.command.Style;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a run's commands and its releases were read, for {@code replay}: the commands of one run
 * (a backgrounded one, what ran beside it, the {@code fg}), and which session each release closed
 * with the evidence for the reading kept and against the readings rejected.
 */
final class AttributionView {

    private AttributionView() {
    }

    /** Under the run's header, for a run of more than one command: what each did. */
    static void commands(Run run, PrintWriter out) {
        if (run.commands().size() > 1) {
            out.println("  one run of " + run.commands().size() + " commands: "
                    + String.join("; ", run.commands().stream().map(c -> Style.visible(c.describe())).toList()));
        }
    }

    /** Under the sessions: nothing unless the evidence ruled a reading of the releases out. */
    static void releases(Run run, PrintWriter out) {
        Attribution a = run.attribution();
        if (a.rejected().isEmpty()) {
            return; // no reading was ruled out: nothing the evidence decided (a tie that matters is a finding)
        }
        out.printf("  which session each release closed (the driver logs no pid; %d readings%s weighed against the evidence):%n",
                a.readings(), a.capped() ? ", the most the budget allows," : "");
        out.println("    kept: " + describe(a.chosen().reading()) + (a.chosen().agreeing().isEmpty() ? "" : "; it agrees with"));
        for (Clue.Check c : a.chosen().agreeing()) {
            out.println("      line " + c.clue().line() + ": " + Style.visible(c.clue().says()));
        }
        for (Clue.Check c : a.chosen().contradicting()) {
            out.println("      but line " + c.clue().line() + ": " + Style.visible(c.clue().says()) + ", and " + Style.visible(c.why()));
        }
        a.equallyGood().stream().limit(SHOWN).forEach(w -> out.println("    just as consistent (nothing says which): " + describe(w.reading())));
        more(a.equallyGood().size(), "just as consistent", out);
        for (Attribution.Weighed w : a.rejected().stream().limit(SHOWN).toList()) {
            out.println("    rejected: " + describe(w.reading()) + ", because");
            for (Clue.Check c : w.contradicting()) {
                out.println("      line " + c.clue().line() + ": " + Style.visible(c.clue().says()) + ", but " + Style.visible(c.why()));
            }
        }
        more(a.rejected().size(), "rejected", out);
    }

    /** Readings printed of each list; a run of many interleaved sessions has dozens ('replay --json' holds more). */
    static final int SHOWN = 5;
    /** Readings written of each list in JSON; {@code *_total} says how many there were. */
    static final int IN_JSON = 10;

    private static void more(int size, String what, PrintWriter out) {
        if (size > SHOWN) {
            out.printf("    ... and %d more %s%n", size - SHOWN, what);
        }
    }

    private static String describe(Reading r) {
        return r.describe() + (r.earliestRule() ? " (the earliest-open rule)" : "");
    }

    static List<Map<String, Object>> commandsJson(Run run) {
        return run.commands().stream().map(AttributionView::command).toList();
    }

    private static Map<String, Object> command(RunCommand c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", c.command().line());
        m.put("command", c.command().firstLine());
        m.put("role", c.role().name().toLowerCase(Locale.ROOT));
        m.put("job", c.job());
        return m;
    }

    static Map<String, Object> json(Attribution a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readings", a.readings());
        m.put("capped", a.capped());
        m.put("ambiguous", a.ambiguous());
        m.put("chosen", reading(a.chosen()));
        m.put("rejected", a.rejected().stream().limit(IN_JSON).map(AttributionView::reading).toList());
        m.put("rejected_total", a.rejected().size());
        m.put("equally_good", a.equallyGood().stream().limit(IN_JSON).map(AttributionView::reading).toList());
        m.put("equally_good_total", a.equallyGood().size());
        return m;
    }

    private static Map<String, Object> reading(Attribution.Weighed w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("earliest_open_rule", w.reading().earliestRule());
        m.put("releases", w.reading().releases().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("line", r.release().line());
            rm.put("session", r.session());
            rm.put("kind", w.reading().session(r.session()).kind().name().toLowerCase(Locale.ROOT));
            rm.put("candidates", r.candidates());
            return rm;
        }).toList());
        m.put("agrees", w.agreeing().stream().map(c -> clue(c, false)).toList());
        m.put("contradicts", w.contradicting().stream().map(c -> clue(c, true)).toList());
        return m;
    }

    private static Map<String, Object> clue(Clue.Check c, boolean why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", c.clue().line());
        m.put("text", c.clue().says());
        if (why) {
            m.put("because", c.why());
        }
        return m;
    }
}
