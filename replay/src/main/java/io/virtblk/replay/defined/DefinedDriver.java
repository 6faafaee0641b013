package io.virtblk.replay.defined;

import io.virtblk.grammar.driver.DriverDefinition;
import io.virtblk.grammar.driver.DriverDefinition.HazardRule;
import io.virtblk.grammar.driver.DriverDefinition.Race;
import io.virtblk.grammar.driver.DriverDefinition.Repeat;
import io.virtblk.grammar.driver.DriverDefinition.Variant;
import io.virtblk.grammar.driver.DriverDefinition.Wait;
import io.virtblk.replay.diagnosis.Hazard;
import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.session.SessionRules;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A driver defined by a file ({@link io.virtblk.grammar.driver.DriverFile}): its models are the
 * definition's building blocks as written and per variant, its hazards the definition's rules,
 * its texts the definition's, with {@code {line}}, {@code {count}}, {@code {sessions}},
 * {@code {fixed_seconds}} and {@code {source}} filled in from the run.
 */
public final class DefinedDriver implements Driver {

    private final DriverDefinition def;
    private final List<DeviceModel> models;
    private final SessionRules rules;

    private DefinedDriver(DriverDefinition def) {
        this.def = def;
        this.rules = new SessionRules(def.ownIoctls());
        List<DeviceModel> all = new ArrayList<>();
        all.add(new DefinedModel(def.name(), this, Set.of()));
        for (Variant v : def.variants()) {
            all.add(new DefinedModel(v.name(), this, v.fixes()));
        }
        this.models = List.copyOf(all);
    }

    public static DefinedDriver of(DriverDefinition def) {
        return new DefinedDriver(def);
    }

    DriverDefinition definition() {
        return def;
    }

    @Override
    public String name() {
        return def.name();
    }

    @Override
    public String summary() {
        return def.about().isEmpty() ? def.name() + " (defined in " + def.file() + ")" : def.about();
    }

    @Override
    public List<DeviceModel> models() {
        return models;
    }

    /** The variant that fixes the most hazards (the first of equals). */
    @Override
    public Optional<DeviceModel> repaired() {
        return models.stream().skip(1).map(m -> (DefinedModel) m).reduce((a, b) -> b.fixes().size() > a.fixes().size() ? b : a)
                .map(m -> (DeviceModel) m);
    }

    @Override
    public SessionRules sessionRules() {
        return rules;
    }

    @Override
    public List<Hazard> hazards(Run run, boolean stalled, Simulator.Replay replay, Calibration cal, DeviceModel model) {
        String hit = replay.end().stalled() ? replay.end().stallHazard() : null;
        List<Hazard> out = new ArrayList<>();
        for (HazardRule r : def.hazards()) {
            long count = 0;
            boolean there = switch (r.rule()) {
                case Race x -> !run.ioSessions().isEmpty();
                case Wait w -> {
                    var armers = def.handshake(w.handshake()).armedBy();
                    yield run.events().stream().anyMatch(e -> e.is(EventKind.IOCTL) && armers.contains(e.ioctl()));
                }
                case Repeat x -> {
                    count = run.events().stream().filter(e -> e.is(EventKind.IOCTL) && x.ioctl().equals(e.ioctl())).count();
                    yield count >= x.count();
                }
            };
            if (!there) {
                continue;
            }
            boolean manifest = stalled && r.id().equals(hit);
            String evidence = r.evidence() != null ? r.evidence() : manifest ? "the replay stalled on it" : "the run shows it; it did not strike";
            TraceEvent at = replay.end().stallEvent();
            out.add(new Hazard(r.id(), r.title(), manifest, fill(evidence, run, at, cal, null, count)));
        }
        return out;
    }

    @Override
    public Optional<String> explain(String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        return def.hazards().stream().filter(r -> r.id().equals(hazard)).findFirst().map(r -> fill(r.explanation(), run, at, cal, source, 0));
    }

    @Override
    public String expectedLog(List<DeviceSession> sessions, String hazard) {
        String own = def.reproduce().get(hazard);
        if (own != null) {
            return own.endsWith("\n") ? own : own + "\n";
        }
        return "(" + sessions.size() + " session(s) of " + def.name() + " engage and start I/O; no release follows)\n";
    }

    private static String fill(String text, Run run, TraceEvent at, Calibration cal, String source, long count) {
        Map<String, String> values = Map.of(
                "{line}", at == null ? "?" : String.valueOf(at.line()),
                "{count}", String.valueOf(count),
                "{sessions}", String.valueOf(run.maxConcurrentIo()),
                "{fixed_seconds}", String.format(Locale.ROOT, "%.2f", cal.secondsFor(Math.max(2, run.maxConcurrentIo()))),
                "{source}", source == null ? "" : source);
        String out = text;
        for (var v : values.entrySet()) {
            out = out.replace(v.getKey(), v.getValue());
        }
        return out;
    }
}
