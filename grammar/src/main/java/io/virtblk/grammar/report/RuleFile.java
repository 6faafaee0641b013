package io.virtblk.grammar.report;

import io.virtblk.event.ReportClass;
import io.virtblk.grammar.json.LocatedJson;
import io.virtblk.grammar.json.LocatedJson.BadEntry;
import io.virtblk.grammar.report.ReportRules.Format;
import io.virtblk.grammar.report.ReportRules.Kind;
import io.virtblk.grammar.report.ReportRules.Part;
import io.virtblk.grammar.report.ReportRules.Rewrite;
import io.virtblk.grammar.report.ReportRules.Stack;
import io.virtblk.grammar.report.ReportRules.StackRule;
import io.virtblk.grammar.report.ReportRules.TypeRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One report-kinds file as written, checked field by field, and the merge of several into
 * {@link ReportRules}. Regular expressions are Java's; {@code {{NAME}}} in any of them is replaced
 * by the file's {@code macros} (the shipped file defines ADDR, PC, FUNC, SRC, TASK, RIP and
 * CALL_TRACE), and the part {@code "<stack>"} of a stack rule means "read a call trace here".
 *
 * <p>Merging: the shipped file comes first. A later file's kind with an {@code id} already known
 * replaces it (with {@code "disabled": true}, removes it); a new kind is tried before the shipped
 * ones. Its {@code types} and {@code fields} come before earlier ones; its lists of skipped
 * frames, stack starts and the like are added; its {@code macros} and {@code extractors} override
 * by name. Every section of a user's file is optional.
 */
final class RuleFile {

    private static final String STACK_PART = "<stack>";
    private static final Pattern MACRO = Pattern.compile("\\{\\{([A-Z_]+)\\}\\}");

    private final String file;
    private final boolean builtIn;
    private final Map<String, LocatedJson> macros = new LinkedHashMap<>();
    private final List<LocatedJson> kinds = new ArrayList<>();
    private final Map<String, LocatedJson> stack = new LinkedHashMap<>();
    private final Map<String, LocatedJson> extractors = new LinkedHashMap<>();
    private final Map<String, List<LocatedJson>> lists = new LinkedHashMap<>();
    private final List<LocatedJson> rewrites = new ArrayList<>();
    private final List<LocatedJson> types = new ArrayList<>();
    private LocatedJson panicLine;

    private RuleFile(String file, boolean builtIn) {
        this.file = file;
        this.builtIn = builtIn;
    }

    private static final Set<String> TOP = Set.of("format", "version", "about", "macros", "stack", "extractors", "not_report_starts",
            "info_with_stack", "corrupted_titles", "corrupted_anywhere", "title_rewrites", "panic_line", "fields", "report_lines", "types", "kinds");
    private static final Set<String> LISTS = Set.of("not_report_starts", "info_with_stack", "corrupted_titles", "corrupted_anywhere", "fields");
    private static final Set<String> STACK_KEYS = Set.of("starts", "starts_without_frames", "frames", "skip", "corrupting_lines", "strip_prefixes");

    static RuleFile read(String file, InputStream in, boolean builtIn) throws IOException {
        if (in == null) {
            throw new IOException(file + ": not found");
        }
        LocatedJson root = LocatedJson.read(file, in);
        RuleFile r = new RuleFile(file, builtIn);
        r.object(root, TOP);
        for (var e : root.members().entrySet()) {
            LocatedJson v = e.getValue();
            switch (e.getKey()) {
                case "format", "about" -> r.string(v);
                case "version" -> {
                    if (!(v.value() instanceof Number n) || n.intValue() != 1) {
                        throw r.bad(v, "this version of virtblk-shell reads version 1 of the report-kinds format");
                    }
                }
                case "macros" -> {
                    r.object(v, null);
                    for (var m : v.members().entrySet()) {
                        if (!m.getKey().matches("[A-Z_]+")) {
                            throw r.bad(m.getValue(), "a macro's name is upper-case letters and '_', used as {{" + m.getKey() + "}}");
                        }
                        r.string(m.getValue());
                        r.macros.put(m.getKey(), m.getValue());
                    }
                }
                case "stack" -> {
                    r.object(v, STACK_KEYS);
                    for (var m : v.members().entrySet()) {
                        r.strings(m.getValue());
                        r.stack.put(m.getKey(), m.getValue());
                    }
                }
                case "extractors" -> {
                    r.object(v, null);
                    r.extractors.putAll(v.members());
                }
                case "title_rewrites" -> {
                    for (LocatedJson rw : r.array(v)) {
                        r.object(rw, Set.of("match", "with"));
                        r.required(rw, "match");
                        r.required(rw, "with");
                        r.rewrites.add(rw);
                    }
                }
                case "types" -> {
                    for (LocatedJson t : r.array(v)) {
                        r.object(t, Set.of("prefixes", "type", "class"));
                        r.strings(r.required(t, "prefixes"));
                        r.string(r.required(t, "type"));
                        r.reportClass(r.required(t, "class"));
                        r.types.add(t);
                    }
                }
                case "panic_line" -> r.panicLine = r.string(v) == null ? null : v;
                case "report_lines" -> {
                    r.object(v, Set.of("about", "prefixes", "patterns"));
                    for (String part : List.of("prefixes", "patterns")) {
                        if (v.members().containsKey(part)) {
                            r.strings(v.members().get(part));
                            r.lists.put("report_lines." + part, v.members().get(part).items());
                        }
                    }
                }
                case "kinds" -> {
                    for (LocatedJson k : r.array(v)) {
                        r.kinds.add(r.checkKind(k));
                    }
                }
                default -> {
                    if (LISTS.contains(e.getKey())) {
                        r.strings(v);
                        r.lists.put(e.getKey(), v.items());
                    }
                }
            }
        }
        return r;
    }

    private static final Set<String> KIND_KEYS = Set.of("id", "about", "header", "unless", "formats", "disabled");
    private static final Set<String> FORMAT_KEYS = Set.of("match", "body", "title", "alt", "stack", "no_stack_trace", "corrupted", "about");
    private static final Set<String> STACK_RULE_KEYS = Set.of("parts", "fallback_parts", "skip", "extractor");

    private LocatedJson checkKind(LocatedJson k) throws BadEntry {
        object(k, KIND_KEYS);
        String id = string(required(k, "id"));
        if (!id.matches("[a-z0-9_]+")) {
            throw bad(k.members().get("id"), "a kind's id is lower-case letters, digits and '_' (it becomes report.kind)");
        }
        if (k.members().get("disabled") instanceof LocatedJson d && Boolean.TRUE.equals(d.value())) {
            return k;
        }
        string(required(k, "header"));
        if (k.members().containsKey("unless")) {
            strings(k.members().get("unless"));
        }
        List<LocatedJson> formats = array(required(k, "formats"));
        if (formats.isEmpty()) {
            throw bad(k.members().get("formats"), "a kind needs at least one format");
        }
        for (LocatedJson f : formats) {
            object(f, FORMAT_KEYS);
            string(required(f, "match"));
            string(required(f, "title"));
            if (f.members().containsKey("body")) {
                string(f.members().get("body"));
            }
            if (f.members().containsKey("alt")) {
                strings(f.members().get("alt"));
            }
            for (String flag : List.of("no_stack_trace", "corrupted")) {
                if (f.members().containsKey(flag) && !(f.members().get(flag).value() instanceof Boolean)) {
                    throw bad(f.members().get(flag), "expected true or false");
                }
            }
            if (f.members().containsKey("stack")) {
                LocatedJson s = f.members().get("stack");
                object(s, STACK_RULE_KEYS);
                strings(required(s, "parts"));
                if (s.members().containsKey("fallback_parts")) {
                    strings(s.members().get("fallback_parts"));
                }
                if (s.members().containsKey("skip")) {
                    strings(s.members().get("skip"));
                }
                if (s.members().containsKey("extractor")) {
                    string(s.members().get("extractor"));
                }
            }
        }
        return k;
    }

    /** The layers, shipped first, merged and compiled. */
    static ReportRules merge(List<RuleFile> layers, String fingerprint) throws BadEntry {
        Map<String, Located> macros = new LinkedHashMap<>();
        for (RuleFile l : layers) {
            l.macros.forEach((k, v) -> macros.put(k, new Located(l, v)));
        }
        Compiler c = new Compiler(macros);
        Map<String, List<Located>> stackLists = new LinkedHashMap<>();
        Map<String, List<Located>> lists = new LinkedHashMap<>();
        Map<String, Located> extractorDefs = new LinkedHashMap<>();
        List<Located> rewrites = new ArrayList<>();
        List<Located> types = new ArrayList<>();
        Map<String, Located> kinds = new LinkedHashMap<>();
        List<String> userKindOrder = new ArrayList<>();
        Located panicLine = null;
        List<String> files = new ArrayList<>();
        for (RuleFile l : layers) {
            files.add(l.file);
            l.stack.forEach((k, v) -> {
                List<Located> list = stackLists.computeIfAbsent(k, x -> new ArrayList<>());
                v.items().forEach(i -> list.add(new Located(l, i)));
            });
            l.lists.forEach((k, v) -> {
                // (report_lines.prefixes and .patterns are plain lists: added, like the others)
                List<Located> list = lists.computeIfAbsent(k, x -> new ArrayList<>());
                List<Located> mine = v.stream().map(i -> new Located(l, i)).toList();
                if (k.equals("fields")) {
                    list.addAll(0, mine); // a user's field patterns are tried first
                } else {
                    list.addAll(mine);
                }
            });
            l.extractors.forEach((k, v) -> extractorDefs.put(k, new Located(l, v)));
            l.rewrites.forEach(v -> rewrites.add(new Located(l, v)));
            List<Located> mine = l.types.stream().map(v -> new Located(l, v)).toList();
            types.addAll(0, mine);
            if (l.panicLine != null) {
                panicLine = new Located(l, l.panicLine);
            }
            for (LocatedJson k : l.kinds) {
                String id = (String) k.members().get("id").value();
                boolean disabled = k.members().get("disabled") instanceof LocatedJson d && Boolean.TRUE.equals(d.value());
                if (!l.builtIn && !kinds.containsKey(id)) {
                    userKindOrder.add(id);
                }
                if (disabled) {
                    kinds.remove(id);
                } else {
                    kinds.put(id, new Located(l, k));
                }
            }
        }
        Map<String, FrameChoice> extractors = new LinkedHashMap<>();
        for (var e : extractorDefs.entrySet()) {
            extractors.put(e.getKey(), c.extractor(e.getValue()));
        }
        Stack stack = new Stack(c.patterns(stackLists.get("starts")), c.patterns(stackLists.get("starts_without_frames")),
                c.patterns(stackLists.get("frames")), c.regexes(stackLists.get("skip")), c.patterns(stackLists.get("corrupting_lines")),
                c.texts(stackLists.get("strip_prefixes")));
        List<Kind> compiledKinds = new ArrayList<>();
        List<String> order = new ArrayList<>(userKindOrder);
        kinds.keySet().stream().filter(id -> !userKindOrder.contains(id)).forEach(order::add);
        for (String id : order) {
            Located k = kinds.get(id);
            if (k != null) {
                compiledKinds.add(c.kind(k, extractors));
            }
        }
        List<TypeRule> typeRules = new ArrayList<>();
        for (Located t : types) {
            Map<String, LocatedJson> m = t.json().members();
            typeRules.add(new TypeRule(m.get("prefixes").items().stream().map(i -> (String) i.value()).toList(),
                    (String) m.get("type").value(), ReportClass.of((String) m.get("class").value())));
        }
        List<Rewrite> rw = new ArrayList<>();
        for (Located r : rewrites) {
            rw.add(new Rewrite(c.pattern(r.at("match")), c.text(r.at("with"))));
        }
        return new ReportRules(List.copyOf(compiledKinds), stack, c.patterns(lists.get("not_report_starts")),
                c.texts(lists.get("info_with_stack")), c.patterns(lists.get("corrupted_titles")), c.texts(lists.get("corrupted_anywhere")),
                List.copyOf(rw), panicLine == null ? "Kernel panic - not syncing" : c.text(panicLine), c.patterns(lists.get("fields")),
                new ReportRules.ReportLines(c.texts(lists.get("report_lines.prefixes")), c.patterns(lists.get("report_lines.patterns"))),
                List.copyOf(typeRules), List.copyOf(files), fingerprint);
    }

    /** A value with the file it came from, for errors found while compiling. */
    private record Located(RuleFile file, LocatedJson json) {
        Located at(String member) {
            return new Located(file, json.members().get(member));
        }
    }

    /** Turns located strings into patterns, expanding macros; every failure names its file, line and field. */
    private static final class Compiler {
        private final Map<String, Located> macros;

        Compiler(Map<String, Located> macros) {
            this.macros = macros;
        }

        String expand(Located v) throws BadEntry {
            String s = (String) v.json().value();
            for (int depth = 0; depth < 8; depth++) {
                Matcher m = MACRO.matcher(s);
                if (!m.find()) {
                    return s;
                }
                StringBuilder out = new StringBuilder();
                m.reset();
                while (m.find()) {
                    Located def = macros.get(m.group(1));
                    if (def == null) {
                        throw v.file().bad(v.json(), "no macro {{" + m.group(1) + "}}; defined: " + String.join(", ", macros.keySet()));
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement((String) def.json().value()));
                }
                m.appendTail(out);
                s = out.toString();
            }
            throw v.file().bad(v.json(), "macros nest too deep (one refers to itself?)");
        }

        Pattern pattern(Located v) throws BadEntry {
            String regex = expand(v);
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw v.file().bad(v.json(), "not a valid regular expression: " + e.getDescription() + " at index " + e.getIndex()
                        + " of " + regex);
            }
        }

        List<Pattern> patterns(List<Located> vs) throws BadEntry {
            List<Pattern> out = new ArrayList<>();
            for (Located v : vs == null ? List.<Located>of() : vs) {
                out.add(pattern(v));
            }
            return List.copyOf(out);
        }

        /**
         * Patterns kept as text (skip lists are joined into one alternation); a user's are each
         * compiled once here so a bad one is told by file and line (the shipped ones are held to that by the tests).
         */
        List<String> regexes(List<Located> vs) throws BadEntry {
            List<String> out = new ArrayList<>();
            for (Located v : vs == null ? List.<Located>of() : vs) {
                out.add(v.file().builtIn ? expand(v) : pattern(v).pattern());
            }
            return List.copyOf(out);
        }

        String text(Located v) {
            return (String) v.json().value();
        }

        List<String> texts(List<Located> vs) {
            return vs == null ? List.of() : vs.stream().map(this::text).toList();
        }

        List<Part> parts(Located list) throws BadEntry {
            List<Part> out = new ArrayList<>();
            for (LocatedJson item : list.json().items()) {
                out.add(STACK_PART.equals(item.value()) ? Part.STACK : new Part(pattern(new Located(list.file(), item))));
            }
            return List.copyOf(out);
        }

        Kind kind(Located k, Map<String, FrameChoice> extractors) throws BadEntry {
            Map<String, LocatedJson> m = k.json().members();
            List<Pattern> unless = m.containsKey("unless") ? patterns(k.at("unless").json().items().stream()
                    .map(i -> new Located(k.file(), i)).toList()) : List.of();
            java.util.function.Supplier<List<Format>> formats = () -> {
                List<Format> out = new ArrayList<>();
                try {
                    for (LocatedJson f : m.get("formats").items()) {
                        out.add(format(new Located(k.file(), f), extractors));
                    }
                } catch (BadEntry e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return List.copyOf(out);
            };
            Kind kind = new Kind(text(k.at("id")), m.containsKey("about") ? text(k.at("about")) : "", text(k.at("header")), unless,
                    formats, k.file().file);
            if (!k.file().builtIn) {
                try {
                    kind.formats(); // a user's file: every pattern checked now, its mistakes told at the start
                } catch (IllegalStateException e) {
                    throw (BadEntry) e.getCause();
                }
            }
            return kind;
        }

        Format format(Located f, Map<String, FrameChoice> extractors) throws BadEntry {
            Map<String, LocatedJson> m = f.json().members();
            StackRule stack = null;
            if (m.containsKey("stack")) {
                Located s = f.at("stack");
                Map<String, LocatedJson> sm = s.json().members();
                FrameChoice choice = FrameChoice.FIRST;
                if (sm.containsKey("extractor")) {
                    String name = text(s.at("extractor"));
                    choice = extractors.get(name);
                    if (choice == null) {
                        throw f.file().bad(sm.get("extractor"), "no extractor '" + name + "'; defined: " + String.join(", ", extractors.keySet()));
                    }
                }
                stack = new StackRule(parts(s.at("parts")), sm.containsKey("fallback_parts") ? parts(s.at("fallback_parts")) : List.of(),
                        sm.containsKey("skip") ? regexes(sm.get("skip").items().stream().map(i -> new Located(f.file(), i)).toList())
                                : List.of(), choice);
            }
            String title = text(f.at("title"));
            checkTemplate(f.at("title"));
            List<String> alt = new ArrayList<>();
            if (m.containsKey("alt")) {
                for (LocatedJson a : m.get("alt").items()) {
                    checkTemplate(new Located(f.file(), a));
                    alt.add((String) a.value());
                }
            }
            return new Format(pattern(f.at("match")), m.containsKey("body") ? pattern(f.at("body")) : null, title, List.copyOf(alt), stack,
                    Boolean.TRUE.equals(m.containsKey("no_stack_trace") ? m.get("no_stack_trace").value() : null),
                    Boolean.TRUE.equals(m.containsKey("corrupted") ? m.get("corrupted").value() : null));
        }

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

        void checkTemplate(Located t) throws BadEntry {
            Matcher m = PLACEHOLDER.matcher(text(t));
            while (m.find()) {
                if (!m.group(1).matches("[1-9][0-9]?")) {
                    throw t.file().bad(t.json(), "'{" + m.group(1) + "}' is not a placeholder: write {1}, {2}, ... for the match's groups, then the frames");
                }
            }
        }

        FrameChoice extractor(Located e) throws BadEntry {
            e.file().object(e.json(), Set.of("about", "anchors", "anchor_itself", "groups", "skip_words"));
            Map<String, LocatedJson> m = e.json().members();
            if (m.containsKey("anchors")) {
                e.file().strings(m.get("anchors"));
                Map<String, String> itself = new LinkedHashMap<>();
                if (m.containsKey("anchor_itself")) {
                    e.file().object(m.get("anchor_itself"), null);
                    for (var a : m.get("anchor_itself").members().entrySet()) {
                        itself.put(a.getKey(), e.file().string(a.getValue()));
                    }
                }
                return new FrameChoice.Stall(patterns(m.get("anchors").items().stream().map(i -> new Located(e.file(), i)).toList()), itself);
            }
            if (m.containsKey("groups") || m.containsKey("skip_words")) {
                Map<String, String> groups = new LinkedHashMap<>();
                if (m.containsKey("groups")) {
                    e.file().object(m.get("groups"), null);
                    for (var g : m.get("groups").members().entrySet()) {
                        groups.put(g.getKey(), e.file().string(g.getValue()));
                    }
                }
                List<String> words = new ArrayList<>();
                if (m.containsKey("skip_words")) {
                    e.file().strings(m.get("skip_words"));
                    m.get("skip_words").items().forEach(i -> words.add((String) i.value()));
                }
                return new FrameChoice.Hang(groups, List.copyOf(words));
            }
            throw e.file().bad(e.json(), "an extractor has 'anchors' (a stall: the frame above the first anchor) or 'groups'/'skip_words' (a hang)");
        }
    }

    BadEntry bad(LocatedJson at, String message) {
        return new BadEntry(file, at, message);
    }

    private void object(LocatedJson v, Set<String> allowed) throws BadEntry {
        if (!v.isObject()) {
            throw bad(v, "expected an object { ... }");
        }
        if (allowed != null) {
            for (var e : v.members().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    throw bad(e.getValue(), "unknown field '" + e.getKey() + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }
    }

    private List<LocatedJson> array(LocatedJson v) throws BadEntry {
        if (!(v.value() instanceof List)) {
            throw bad(v, "expected a list [ ... ]");
        }
        return v.items();
    }

    private String string(LocatedJson v) throws BadEntry {
        if (!(v.value() instanceof String s)) {
            throw bad(v, "expected a string");
        }
        return s;
    }

    private void strings(LocatedJson v) throws BadEntry {
        for (LocatedJson i : array(v)) {
            string(i);
        }
    }

    private void reportClass(LocatedJson v) throws BadEntry {
        String s = string(v);
        if (!Set.of("hang", "crash", "bug").contains(s)) {
            throw bad(v, "a class is hang, crash or bug");
        }
    }

    private LocatedJson required(LocatedJson object, String name) throws BadEntry {
        LocatedJson v = object.members().get(name);
        if (v == null) {
            throw bad(object, "missing field '" + name + "'");
        }
        return v;
    }
}
