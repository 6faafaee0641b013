package io.virtblk.shell.replay;

import io.virtblk.replay.Replays;
import io.virtblk.replay.driver.Drivers;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.Run;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.StoredTrace;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code replay [RUN] [--model M] [--source S] [--gap SECONDS] [--step] [--json]}, and
 * {@code replay --on URL [SOURCE] [--run N] ...}: the same replay of a source's events paged out of a cluster.
 */
public final class ReplayCommand implements Command {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String synopsis() {
        // every installed driver's models: the Java drivers', then those defined by files
        return "replay [RUN] [--model " + String.join("|", Drivers.modelNames()) + "] [--source S] [--gap SECONDS] [--step] [--json]"
                + "\n       replay --on URL [SOURCE] [--run N] [--model M] [--gap SECONDS] [--step] [--json]";
    }

    @Override
    public String summary() {
        return "rebuild the device sessions, replay them on the model, say where and why a run stalled";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json", "--step"), Set.of("--model", "--source", "--gap", "--on", "--run"));
        String on = a.option("--on");
        Integer only = a.option("--run") != null ? Integer.valueOf(a.intOption(name(), "--run", 0)) : on == null ? runNumber(name(), a) : null;
        DeviceModel model = model(a.option("--model"));
        double gap = gap(name(), a);
        List<Replays> all = on == null ? replays(session, a.option("--source"), model, gap)
                : replaysOn(session.cluster(on), a.positional().isEmpty() ? a.option("--source") : a.positional().getFirst(),
                        model == null ? Drivers.standard() : model, gap);
        // block traces replay per device on the generic queue model, chosen by what was loaded; a driver's runs, if any, come first
        List<io.virtblk.replay.block.DeviceDiagnosis> devices = on == null && a.option("--source") == null && BlockCase.any(session)
                ? BlockCase.diagnose(session) : List.of();
        if (!devices.isEmpty()) {
            all = all.stream().filter(r -> !BlockCase.isTrace(session, r.trace().source())).toList();
        }
        if (!devices.isEmpty() && all.stream().allMatch(r -> r.runs().isEmpty())) {
            if (a.option("--model") != null || only != null) {
                throw new CommandException("replay: block traces replay per device on the generic queue model; --model and RUN are "
                        + "for a driver's runs; try: replay --step, devices, requests --slowest, timeline --device " + devices.getFirst().device());
            }
            if (a.flag("--step")) {
                BlockView.steps(devices, session.out());
                session.out().flush();
                return;
            }
            if (a.flag("--json")) {
                Json.write(session.out(), java.util.Map.of("devices", BlockView.json(devices)));
            } else {
                BlockView.text(devices, false, session.out());
            }
            session.out().flush();
            return;
        }
        if (only != null && all.stream().noneMatch(r -> r.runs().stream().anyMatch(x -> x.number() == only))) {
            throw new CommandException("replay: no run " + only + "; runs: 1.." + all.stream().mapToInt(r -> r.runs().size()).max().orElse(0));
        }
        if (a.flag("--step")) {
            for (Replays r : all) {
                for (Run run : r.runs()) {
                    if (only != null && run.number() != only) {
                        continue;
                    }
                    DeviceModel replayed = Drivers.model(r.model());
                    session.out().printf("run %d on %s:%n", run.number(), replayed.name());
                    for (Simulator.Step st : Simulator.run(replayed, run, r.calibration(), true).steps()) {
                        session.out().printf("  %5d %-12s #%d  %s%n", st.event().line(),
                                st.event().kind().label() + (st.event().ioctl() == null ? "" : " " + st.event().ioctl()), st.session(), st.state());
                    }
                }
            }
            if (only == null) {
                BlockView.steps(devices, session.out()); // block traces loaded beside a driver's log: their devices after its runs
            }
            session.out().flush();
            return;
        }
        if (a.flag("--json")) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(ReplayView.json(all, only));
            if (!devices.isEmpty()) {
                m.put("devices", BlockView.json(devices));
            }
            Json.write(session.out(), m);
            session.out().flush();
        } else {
            ReplayView.text(all, only, session.out(), session.settings());
            BlockView.text(devices, false, session.out());
            session.out().flush();
        }
    }

    /** {@code --gap SECONDS}, a positive number; the default splits a bare log where no session was open for a second. */
    static double gap(String command, Args a) {
        String g = a.option("--gap");
        if (g == null) {
            return Replays.DEFAULT_GAP;
        }
        try {
            double v = Double.parseDouble(g);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(command + ": --gap takes seconds, a number above 0 such as 1 or 0.5, not '" + g + "'");
    }

    static Integer runNumber(String command, Args a) {
        if (a.positional().isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(a.positional().getFirst());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": RUN is a run number (1, 2, ...), not '" + a.positional().getFirst() + "'");
        }
    }

    /** The model {@code --model} names, or null without one: each source is replayed on the model of the driver whose lines it has. */
    static DeviceModel model(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Drivers.model(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("replay: " + e.getMessage());
        }
    }

    /** Replays of a cluster's source, or of its only one; paged out with search_after, never all at once. */
    static List<Replays> replaysOn(io.virtblk.cluster.client.Cluster cluster, String source, DeviceModel model, double gap) {
        try {
            List<String> names = List.copyOf(cluster.sources().keySet());
            if (source == null && names.size() != 1) {
                throw new UsageException("replay: " + cluster.url().index() + " holds " + (names.isEmpty() ? "no events"
                        : names.size() + " sources; name one: " + String.join(", ", names.subList(0, Math.min(10, names.size())))
                        + (names.size() > 10 ? ", ..." : "")));
            }
            String name = source == null ? names.getFirst() : source;
            if (!names.contains(name)) {
                throw new CommandException("replay: " + cluster.url().index() + " has no source named " + name + "; it has: "
                        + String.join(", ", names.subList(0, Math.min(10, names.size()))));
            }
            return List.of(Replays.of(new StoredTrace(cluster), name, model, gap));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code model} null: each source's own ({@link Session#modelFor}). */
    static List<Replays> replays(Session session, String typed, DeviceModel model, double gap) {
        List<Replays> all = new ArrayList<>();
        String source = typed == null ? null : session.store().sourceNamed(typed);
        if (typed != null && source == null) {
            throw new CommandException(session.store().noSourceNamed(typed));
        }
        try {
            for (var s : session.store().sources()) {
                if (source == null || s.summary().name().equals(source)) {
                    all.add(session.replays(s, model, gap));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.isEmpty()) {
            throw new CommandException(source == null ? "nothing loaded; try: load samples/000_session.txt" : "no source named " + source);
        }
        return all;
    }
}
