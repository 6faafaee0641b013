package io.virtblk.shell.replay;

import io.virtblk.replay.Replays;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.ClockText;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code sessions [RUN] [--source S] [--json]}: the reconstructed device sessions as a table. */
public final class SessionsCommand implements Command {

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public String synopsis() {
        return "sessions [RUN] [--source S] [--json]";
    }

    @Override
    public String summary() {
        return "the device sessions of each run: start, end, length, ioctls, overlap";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of("--source"));
        Integer only = ReplayCommand.runNumber(name(), a);
        List<Replays> all = ReplayCommand.replays(session, a.option("--source"), null, Replays.DEFAULT_GAP);
        var out = session.out();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Replays r : all) {
            for (Run run : r.runs()) {
                if (only != null && run.number() != only) {
                    continue;
                }
                boolean wall = ClockText.wall(run);
                int clockWidth = wall ? 26 : 16;
                if (!a.flag("--json")) {
                    out.printf("%s run %d%s%n", Style.visible(r.trace().source()), run.number(),
                            run.command() == null ? "" : "  " + Style.visible(run.command().firstLine()));
                    out.printf("  %3s %-8s %6s %-" + clockWidth + "s %6s %-" + clockWidth + "s %10s  %-22s %s%n", "#", "kind", "line", "start", "line", "end", "length", "ioctls", "overlaps");
                }
                for (DeviceSession s : run.sessions()) {
                    List<Integer> overlaps = run.sessions().stream().filter(o -> o != s && Run.overlap(o, s)).map(DeviceSession::id).toList();
                    if (a.flag("--json")) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("source", r.trace().source());
                        m.put("run", run.number());
                        m.put("session", s.id());
                        m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
                        m.put("engage_line", s.engage().line());
                        m.put("start", s.engage().clock());
                        m.put("release_line", s.release() == null ? null : s.release().line());
                        m.put("end", s.release() == null ? null : s.release().clock());
                        m.put("length_ms", s.length() == null ? null : s.length() * 1000);
                        m.put("ioctls", s.ioctls().stream().map(i -> i.ioctl()).toList());
                        m.put("overlaps", overlaps);
                        m.put("open", s.open());
                        rows.add(m);
                    } else {
                        out.printf("  %3d %-8s %6d %-" + clockWidth + "s %6s %-" + clockWidth + "s %10s  %-22s %s%n", s.id(), s.kind().name().toLowerCase(Locale.ROOT),
                                s.engage().line(), ClockText.of(s.engage().clock(), wall), s.release() == null ? "-" : String.valueOf(s.release().line()),
                                s.release() == null ? "never released" : ClockText.of(s.release().clock(), wall),
                                s.length() == null ? "-" : String.format(Locale.ROOT, "%.1f ms", s.length() * 1000),
                                String.join(",", s.ioctls().stream().map(i -> i.ioctl() == null ? "?" : i.ioctl()).toList()),
                                overlaps.isEmpty() ? "" : "with #" + String.join(", #", overlaps.stream().map(String::valueOf).toList()));
                    }
                }
            }
        }
        if (a.flag("--json")) {
            out.println(Json.write(rows));
        }
        out.flush();
    }

}
