package io.virtblk.grammar.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.virtblk.grammar.driver.DriverDefinition.Fix;
import io.virtblk.grammar.driver.DriverDefinition.Handshake;
import io.virtblk.grammar.driver.DriverDefinition.HazardRule;
import io.virtblk.grammar.driver.DriverDefinition.LineEvent;
import io.virtblk.grammar.driver.DriverDefinition.LineRule;
import io.virtblk.grammar.driver.DriverDefinition.Race;
import io.virtblk.grammar.driver.DriverDefinition.Repeat;
import io.virtblk.grammar.driver.DriverDefinition.Rule;
import io.virtblk.grammar.driver.DriverDefinition.Structure;
import io.virtblk.grammar.driver.DriverDefinition.Variant;
import io.virtblk.grammar.driver.DriverDefinition.Wait;
import io.virtblk.grammar.json.LocatedJson;
import io.virtblk.grammar.json.LocatedJson.BadEntry;
import io.virtblk.grammar.json.UserFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a driver definition file: first against the JSON Schema that ships beside this class
 * ({@value #SCHEMA}), then what a schema cannot say (a pattern that does not compile, a rule
 * naming a structure the model lacks, a variant fixing a hazard nobody said how to fix). Every
 * error names the file, line and column and the field's path: {@code gate.json:14:20:
 * hazards[0].rule.wait.handshake: no handshake 'gates' in model.handshakes (there is: gate)}.
 */
public final class DriverFile {

    /** The schema every file is checked against; users' editors can use it too. */
    public static final String SCHEMA = "driver.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema CHECKER = load();

    private DriverFile() {
    }

    private static Schema load() {
        try (InputStream in = DriverFile.class.getResourceAsStream(SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("the shipped " + SCHEMA + " cannot be read", e);
        }
    }

    /** Where users keep driver files: {@code ~/.config/virtblk-shell/drivers/} ({@code $XDG_CONFIG_HOME} when set); every {@code *.json} in it is read. */
    public static Path userDir() {
        return UserFiles.dir("drivers");
    }

    public static DriverDefinition read(Path file) throws IOException {
        return read(file.toString(), Files.readAllBytes(file));
    }

    /** @throws BadEntry naming {@code file}, line, column and field of the first thing wrong */
    public static DriverDefinition read(String file, byte[] bytes) throws IOException {
        LocatedJson root = LocatedJson.read(file, new ByteArrayInputStream(bytes));
        JsonNode tree = JSON.readTree(bytes);
        List<Error> errors = CHECKER.validate(tree);
        if (!errors.isEmpty()) {
            // the deepest first: "lines[0].event: not one of ..." says more than "lines[0]: does not match"
            Error first = errors.stream().max(java.util.Comparator.comparingInt(e -> e.getInstanceLocation().getNameCount())).orElseThrow();
            throw new BadEntry(file, at(root, first), message(first));
        }
        return new Reader(file).definition(root);
    }

    /** The value an error is about, as deep as the file has it. */
    private static LocatedJson at(LocatedJson root, Error e) {
        NodePath path = e.getInstanceLocation();
        LocatedJson here = root;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object step = path.getElement(i);
            LocatedJson next = step instanceof Integer n && here.value() instanceof List<?> ? (n < here.items().size() ? here.items().get(n) : null)
                    : here.isObject() ? here.members().get(String.valueOf(step)) : null;
            if (next == null) {
                break;
            }
            here = next;
        }
        return here;
    }

    /** The validator's message without its own copy of the path, which the location already gives. */
    private static String message(Error e) {
        String m = e.getMessage();
        String path = e.getInstanceLocation().toString();
        if (m.startsWith(path + ": ")) {
            m = m.substring(path.length() + 2);
        }
        return m + " (the format: " + SCHEMA + ", described in docs/ARCHITECTURE.md)";
    }

    /** Builds the records from a file the schema accepted, checking what the schema cannot. */
    private record Reader(String file) {

        DriverDefinition definition(LocatedJson root) throws BadEntry {
            Map<String, LocatedJson> top = root.members();
            String name = text(top.get("name"));
            List<LineRule> lines = new ArrayList<>();
            for (LocatedJson l : top.get("lines").items()) {
                lines.add(line(l));
            }
            Set<String> own = new LinkedHashSet<>();
            LocatedJson sessions = top.get("sessions");
            if (sessions != null && sessions.members().containsKey("own_ioctls")) {
                sessions.members().get("own_ioctls").items().forEach(i -> own.add(text(i)));
            }
            LocatedJson model = top.get("model");
            int workers = model.members().containsKey("workers") ? ((Number) model.members().get("workers").value()).intValue() : 1;
            Map<String, Structure> structures = new LinkedHashMap<>();
            for (LocatedJson s : list(model, "structures")) {
                Structure st = new Structure(text(s.members().get("name")), (Boolean) s.members().get("worker_locks").value());
                if (structures.put(st.name(), st) != null) {
                    throw new BadEntry(file, s, "a second structure named '" + st.name() + "'");
                }
            }
            Map<String, Handshake> handshakes = new LinkedHashMap<>();
            for (LocatedJson h : list(model, "handshakes")) {
                Map<String, LocatedJson> m = h.members();
                Handshake hs = new Handshake(text(m.get("name")), names(m.get("armed_by")), names(m.get("set_by")), flag(m.get("initially_open"), true),
                        flag(m.get("wakes_on_release"), false), m.containsKey("timeout_seconds") ? ((Number) m.get("timeout_seconds").value()).doubleValue() : null);
                if (handshakes.put(hs.name(), hs) != null) {
                    throw new BadEntry(file, h, "a second handshake named '" + hs.name() + "'");
                }
            }
            Map<String, HazardRule> hazards = new LinkedHashMap<>();
            for (LocatedJson h : top.get("hazards").items()) {
                HazardRule rule = hazard(h, structures, handshakes);
                if (hazards.put(rule.id(), rule) != null) {
                    throw new BadEntry(file, h.members().get("id"), "a second hazard with id '" + rule.id() + "'");
                }
            }
            List<Variant> variants = new ArrayList<>();
            Set<String> modelNames = new HashSet<>(Set.of(name));
            for (LocatedJson v : list(root, "variants")) {
                variants.add(variant(v, hazards, modelNames));
            }
            Map<String, String> reproduce = new LinkedHashMap<>();
            if (top.containsKey("reproduce")) {
                for (var e : top.get("reproduce").members().entrySet()) {
                    if (!hazards.containsKey(e.getKey())) {
                        throw new BadEntry(file, e.getValue(), "no hazard '" + e.getKey() + "' (there is: " + String.join(", ", hazards.keySet()) + ")");
                    }
                    reproduce.put(e.getKey(), text(e.getValue()));
                }
            }
            return new DriverDefinition(file, name, top.containsKey("about") ? text(top.get("about")) : "", List.copyOf(lines), Set.copyOf(own),
                    workers, List.copyOf(structures.values()), List.copyOf(handshakes.values()), List.copyOf(variants),
                    List.copyOf(hazards.values()), Map.copyOf(reproduce));
        }

        private LineRule line(LocatedJson l) throws BadEntry {
            LocatedJson p = l.members().get("pattern");
            Pattern pattern;
            try {
                pattern = Pattern.compile(text(p));
            } catch (PatternSyntaxException e) {
                throw new BadEntry(file, p, "not a regular expression: " + e.getDescription() + " at index " + e.getIndex());
            }
            LineEvent event = LineEvent.valueOf(text(l.members().get("event")).toUpperCase(Locale.ROOT));
            Set<String> groups = pattern.namedGroups().keySet();
            if (event == LineEvent.IOCTL && !groups.contains("name") && !groups.contains("cmd")) {
                throw new BadEntry(file, p, "an ioctl line needs a group (?<name>...) for the command's name or (?<cmd>0x...) for its number");
            }
            return new LineRule(pattern, event);
        }

        private HazardRule hazard(LocatedJson h, Map<String, Structure> structures, Map<String, Handshake> handshakes) throws BadEntry {
            Map<String, LocatedJson> m = h.members();
            LocatedJson ruleAt = m.get("rule");
            var kind = ruleAt.members().entrySet().iterator().next();
            Map<String, LocatedJson> r = kind.getValue().members();
            Rule rule = switch (kind.getKey()) {
                case "race" -> {
                    String s = text(r.get("structure"));
                    if (!structures.containsKey(s)) {
                        throw new BadEntry(file, r.get("structure"), "no structure '" + s + "' in model.structures (there is: "
                                + String.join(", ", structures.keySet()) + ")");
                    }
                    yield new Race(s, r.containsKey("submitters_at_least") ? ((Number) r.get("submitters_at_least").value()).intValue() : 2);
                }
                case "wait" -> {
                    String s = text(r.get("handshake"));
                    if (!handshakes.containsKey(s)) {
                        throw new BadEntry(file, r.get("handshake"), "no handshake '" + s + "' in model.handshakes (there is: "
                                + String.join(", ", handshakes.keySet()) + ")");
                    }
                    yield new Wait(s);
                }
                default -> new Repeat(text(r.get("ioctl")), ((Number) r.get("count").value()).intValue());
            };
            Fix fix = null;
            if (m.containsKey("fixed_by")) {
                Map<String, LocatedJson> f = m.get("fixed_by").members();
                fix = new Fix(f.containsKey("worker_locks"), f.containsKey("wakes_on_release"),
                        f.containsKey("timeout_seconds") ? ((Number) f.get("timeout_seconds").value()).doubleValue() : null);
                boolean fits = switch (rule) {
                    case Race x -> fix.workerLocks() && !fix.wakesOnRelease() && fix.timeoutSeconds() == null;
                    case Wait x -> !fix.workerLocks();
                    case Repeat x -> false;
                };
                if (!fits) {
                    throw new BadEntry(file, m.get("fixed_by"), "a " + kind.getKey() + " hazard is fixed by " + switch (rule) {
                        case Race x -> "{\"worker_locks\": true}";
                        case Wait x -> "{\"wakes_on_release\": true} or {\"timeout_seconds\": N}";
                        case Repeat x -> "nothing a model can change: it is a risk, not a stall";
                    });
                }
            }
            return new HazardRule(text(m.get("id")), text(m.get("title")), rule, m.containsKey("evidence") ? text(m.get("evidence")) : null,
                    text(m.get("explanation")), fix);
        }

        private Variant variant(LocatedJson v, Map<String, HazardRule> hazards, Set<String> modelNames) throws BadEntry {
            String name = text(v.members().get("name"));
            if (!modelNames.add(name)) {
                throw new BadEntry(file, v.members().get("name"), "a second model named '" + name + "'");
            }
            Set<String> fixes = new LinkedHashSet<>();
            for (LocatedJson f : v.members().get("fixes").items()) {
                HazardRule h = hazards.get(text(f));
                if (h == null) {
                    throw new BadEntry(file, f, "no hazard '" + text(f) + "' (there is: " + String.join(", ", hazards.keySet()) + ")");
                }
                if (h.fixedBy() == null) {
                    throw new BadEntry(file, f, "hazard " + h.id() + " says no fixed_by: nothing says how a variant fixes it");
                }
                fixes.add(h.id());
            }
            return new Variant(name, Set.copyOf(fixes));
        }

        private static List<LocatedJson> list(LocatedJson parent, String key) {
            LocatedJson l = parent.members().get(key);
            return l == null ? List.of() : l.items();
        }

        private static Set<String> names(LocatedJson l) {
            Set<String> out = new LinkedHashSet<>();
            l.items().forEach(i -> out.add(text(i)));
            return Set.copyOf(out);
        }

        private static boolean flag(LocatedJson l, boolean otherwise) {
            return l == null ? otherwise : (Boolean) l.value();
        }

        private static String text(LocatedJson l) {
            return (String) l.value();
        }
    }
}
