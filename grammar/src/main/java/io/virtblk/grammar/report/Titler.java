package io.virtblk.grammar.report;

import io.virtblk.event.ReportClass;
import io.virtblk.grammar.report.ReportRules.Format;
import io.virtblk.grammar.report.ReportRules.Kind;
import io.virtblk.grammar.report.ReportRules.Part;
import io.virtblk.grammar.report.ReportRules.StackRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Titles one report the way syzkaller titles it: the kind's format found earliest in the text
 * gives the words, its stack rule gives the guilty frame (the first frame that is not reporting,
 * allocation or locking infrastructure), and the title is made stable across runs (addresses,
 * numbers and pids become ADDR, NUM, ...). A report whose stack is missing, cut or mixed with
 * another's is marked corrupted, with the reason.
 *
 * <p>The text is the report's own lines, prefixes stripped: what {@link ReportScanner} collected.
 */
public final class Titler {

    /** What a report is called and how sure we are of it. */
    public record Title(String title, List<String> altTitles, String type, ReportClass reportClass, String frame, boolean corrupted,
                        String corruptedReason) {
    }

    private static final String NO_FRAMES = "extracted no frames";

    private final ReportRules rules;
    private final java.util.Map<StackRule, Pattern> skips = new java.util.concurrent.ConcurrentHashMap<>();

    public Titler(ReportRules rules) {
        this.rules = rules;
    }

    /**
     * Titles the report of {@code kind} in {@code text} (its lines, joined by newlines and ending
     * in one); only the first {@code titleChars} characters are searched for the title (the report
     * may run into another one after them), the whole text is checked for its stacks. When no
     * format titles it, {@code fallback} gives the raw lines to try again (rarely needed: asked then).
     */
    public Title title(Kind kind, String text, int titleChars, java.util.function.Supplier<String> fallback) {
        Description d = describe(kind, text.substring(0, Math.min(titleChars, text.length())));
        if (d.title == null) {
            String fallbackText = fallback.get();
            d = describe(kind, fallbackText);
            if (d.title == null) {
                d.title = firstLine(fallbackText);
            }
        }
        String corrupted = d.corrupted;
        if (corrupted == null) {
            corrupted = whyCorrupted(d.title, text, d.format);
        }
        String title = clean(d.title);
        List<String> alts = new ArrayList<>();
        for (String a : d.alts) {
            alts.add(clean(a));
        }
        ReportRules.TypeRule type = rules.typeOf(title);
        return new Title(title, List.copyOf(new LinkedHashSet<>(alts)), type.type(), type.reportClass(), frameOf(title), corrupted != null,
                corrupted);
    }

    /**
     * The function a title names: the name after its last " in " ({@code WARNING in foo/usb_submit_urb}
     * names foo), as syzkaller reads it back from the title; null when there is none.
     */
    static String frameOf(String title) {
        for (int at = title.lastIndexOf(" in "); at >= 0; at = title.lastIndexOf(" in ", at - 1)) {
            int from = at + 4;
            int i = from;
            if (i < title.length() && title.charAt(i) == '<') {
                int close = title.indexOf('>', i);
                if (close > 0 && title.substring(i + 1, close).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == ' ')) {
                    i = close + 1;
                }
            }
            int nameStart = i;
            while (i < title.length() && (Character.isLetterOrDigit(title.charAt(i)) && title.charAt(i) < 128 || title.charAt(i) == '_'
                    || title.charAt(i) == ':')) {
                i++;
            }
            if (i > nameStart) {
                return title.substring(from, i);
            }
            if (at == 0) {
                break;
            }
        }
        return null;
    }

    /** True when a line of the whole log marks every report corrupted (the console was cut). */
    public boolean corruptsEverything(String line) {
        for (String s : rules.corruptedAnywhere()) {
            if (line.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static final class Description {
        String title;
        String corrupted;
        List<String> alts = new ArrayList<>();
        Format format;
    }

    private Description describe(Kind kind, String text) {
        Description d = new Description();
        int start = text.length();
        boolean matchedTitle = false;
        for (Format f : kind.formats()) {
            Matcher m = f.match().matcher(text);
            if (!m.find() || m.start() > start) {
                continue;
            }
            if (m.start() == start && d.title != null) {
                continue;
            }
            if (m.start() < start) {
                d.title = null;
                d.format = null;
                start = m.start();
            }
            matchedTitle = true;
            MatchResult match = m.toMatchResult();
            if (f.body() != null) {
                Matcher b = f.body().matcher(text);
                if (!b.find()) {
                    continue;
                }
                match = b.toMatchResult();
            }
            List<String> args = new ArrayList<>();
            for (int g = 1; g <= match.groupCount(); g++) {
                args.add(match.group(g) == null ? "" : match.group(g));
            }
            List<Frame> frames = List.of();
            d.corrupted = null;
            if (f.stack() != null) {
                Frames found = frames(f.stack(), text.substring(match.start()));
                frames = found.frames;
                if (!found.ok) {
                    d.corrupted = NO_FRAMES;
                }
            }
            List<String> all = new ArrayList<>(args);
            frames.forEach(fr -> all.add(fr.canonical));
            d.title = fill(f.title(), all);
            List<String> alts = new ArrayList<>();
            for (String alt : f.alt()) {
                alts.add(fill(alt, all));
            }
            for (List<String> variant : strippedVariants(args, frames)) {
                String t = fill(f.title(), variant);
                if (!t.equals(d.title)) {
                    alts.add(t);
                }
                for (String alt : f.alt()) {
                    alts.add(fill(alt, variant));
                }
            }
            d.alts = new ArrayList<>(new LinkedHashSet<>(alts));
            d.format = f;
        }
        if (d.title == null) {
            if (matchedTitle) {
                d.corrupted = "matched title but not report regexp";
            }
            int pos = text.indexOf(kind.header());
            if (pos < 0) {
                return d;
            }
            int end = text.indexOf('\n', pos);
            d.title = text.substring(pos, end < 0 ? text.length() : end);
        }
        if (d.corrupted == null && d.format != null && d.format.corrupted()) {
            d.corrupted = "report format is marked as corrupted";
        }
        return d;
    }

    private record Frame(String canonical, String raw) {
    }

    private record Frames(List<Frame> frames, boolean ok) {
    }

    private Frames frames(StackRule stack, String text) {
        Pattern skip = skips.computeIfAbsent(stack, s -> {
            List<String> all = new ArrayList<>(rules.stack().skip());
            all.addAll(s.skip());
            return all.isEmpty() ? null : Pattern.compile(String.join("|", all));
        });
        Frames f = frames(stack.parts(), stack.choice(), skip, text);
        if (f.ok || stack.fallbackParts().isEmpty()) {
            return f;
        }
        return frames(stack.fallbackParts(), stack.choice(), skip, text);
    }

    /**
     * Walks the parts over the text's lines: a pattern part consumes lines up to the first it
     * matches; a stack part reads frames up to the next stack's start (or the next part's line).
     * Each stack read, and the end, yields one frame: the choice among the frames collected.
     */
    private Frames frames(List<Part> parts, FrameChoice choice, Pattern skip, String text) {
        String[] lines = text.split("\n", -1);
        int next = 0;
        List<String> raw = new ArrayList<>();
        List<Frame> results = new ArrayList<>();
        boolean ok = true;
        int stacks = 0;
        for (int partIdx = 0; ; partIdx++) {
            if (partIdx == parts.size() || parts.get(partIdx).isStack() && stacks > 0) {
                Frame key = choose(choice, raw);
                if (key == null) {
                    key = new Frame("corrupted", "corrupted");
                    ok = false;
                }
                results.add(key);
                raw = new ArrayList<>();
            }
            if (partIdx == parts.size()) {
                break;
            }
            Part part = parts.get(partIdx);
            if (part.isStack()) {
                stacks++;
                while (next < lines.length) {
                    String ln = lines[next++];
                    if (matchesAny(ln, rules.stack().corruptingLines())) {
                        ok = false;
                        break;
                    }
                    if (matchesAny(ln, rules.stack().starts())) {
                        break;
                    }
                    if (partIdx != parts.size() - 1) {
                        Matcher m = parts.get(partIdx + 1).pattern() == null ? null : parts.get(partIdx + 1).pattern().matcher(ln);
                        if (m != null && m.find()) {
                            add(raw, m, skip);
                            partIdx++;
                            break;
                        }
                    }
                    for (Pattern fr : rules.stack().frames()) {
                        Matcher m = fr.matcher(ln);
                        if (m.find()) {
                            add(raw, m, skip);
                            break;
                        }
                    }
                }
            } else {
                while (next < lines.length) {
                    String ln = lines[next++];
                    if (matchesAny(ln, rules.stack().corruptingLines())) {
                        ok = false;
                        break;
                    }
                    Matcher m = part.pattern().matcher(ln);
                    if (m.find()) {
                        add(raw, m, skip);
                        break;
                    }
                }
            }
        }
        return new Frames(results, ok);
    }

    private Frame choose(FrameChoice choice, List<String> raw) {
        if (raw.isEmpty()) {
            return null;
        }
        List<String> stripped = raw.stream().map(this::stripPrefix).toList();
        FrameChoice.Chosen c = choice.choose(stripped);
        return c == null || c.name().isEmpty() ? null : new Frame(c.name(), raw.get(c.index()));
    }

    /** The shortest of the frame's names with a syscall wrapper prefix ({@code __x64_sys_}, {@code SyS_}, ...) removed. */
    private String stripPrefix(String frame) {
        String best = frame;
        for (String prefix : rules.stack().stripPrefixes()) {
            if (frame.startsWith(prefix) && frame.length() - prefix.length() < best.length()) {
                best = frame.substring(prefix.length());
            }
        }
        return best;
    }

    /** The title's arguments with the raw frames, and with each prefix stripped: alternative titles a later kernel may give. */
    private List<List<String>> strippedVariants(List<String> args, List<Frame> frames) {
        List<List<String>> out = new ArrayList<>();
        List<String> prefixes = rules.stack().stripPrefixes();
        for (int i = 0; i <= prefixes.size(); i++) {
            String prefix = i == 0 ? "" : prefixes.get(i - 1);
            boolean add = i == 0;
            List<String> list = new ArrayList<>(args);
            for (Frame f : frames) {
                String trimmed = f.raw.startsWith(prefix) ? f.raw.substring(prefix.length()) : f.raw;
                if (!trimmed.equals(f.raw)) {
                    add = true;
                }
                list.add(trimmed);
            }
            if (add) {
                out.add(list);
            }
        }
        return out;
    }

    private static void add(List<String> raw, Matcher m, Pattern skip) {
        for (int g = 1; g <= m.groupCount(); g++) {
            String frame = m.group(g);
            if (frame != null) {
                frame = Demangle.plain(frame);
            }
            if (frame != null && (skip == null || !skip.matcher(frame).find())) {
                raw.add(frame);
            }
        }
    }

    /** Why a titled report cannot be trusted, or null: a title with a timestamp in it, or a stack start with no frames after it. */
    private String whyCorrupted(String title, String text, Format format) {
        for (Pattern p : rules.corruptedTitles()) {
            if (p.matcher(title).find()) {
                return "title matches corrupted regexp";
            }
        }
        if (format == null || format.noStackTrace()) {
            return null;
        }
        boolean hasStack = false;
        for (Pattern start : rules.stack().starts()) {
            Matcher m = start.matcher(text);
            if (!m.find()) {
                continue;
            }
            String[] frames = text.substring(m.start()).split("\n", -1);
            if (frames.length < 4) {
                return "call trace is missed";
            }
            boolean corrupted = true;
            outer:
            for (int i = 1; i < frames.length && i <= 15; i++) {
                for (Pattern other : rules.stack().starts()) {
                    if (other.matcher(frames[i]).find()) {
                        break outer;
                    }
                }
                if (frames[i].contains("(stack is not available)") || matchesAny(frames[i], rules.stack().frames())) {
                    hasStack = true;
                    corrupted = false;
                    break;
                }
            }
            if (corrupted && !rules.stack().startsWithoutFrames().stream().anyMatch(p -> p.pattern().equals(start.pattern()))) {
                return "no frames in a stack trace";
            }
        }
        return hasStack ? null : "no stack trace in report";
    }

    /** Titles made stable before, by the title as made: the same report comes again and again in a log. */
    private final java.util.Map<String, String> cleaned = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Pattern, java.util.Optional<String>> needs = new java.util.concurrent.ConcurrentHashMap<>();

    /** The title made stable (rewrites until nothing changes), then printable, single-spaced and at most 120 characters. */
    private String clean(String title) {
        String done = cleaned.get(title);
        if (done == null) {
            done = rewrite(title);
            if (cleaned.size() > 4096) {
                cleaned.clear();
            }
            cleaned.put(title, done);
        }
        return done;
    }

    private String rewrite(String title) {
        String s = title;
        for (ReportRules.Rewrite r : rules.titleRewrites()) {
            String need = needs.computeIfAbsent(r.match(), p -> java.util.Optional.ofNullable(Match.requiredLiteral(p))).orElse(null);
            for (int i = 0; i < 100; i++) {
                if (need != null && !s.contains(need)) {
                    break;
                }
                Matcher m = r.match().matcher(s);
                if (!m.find()) {
                    break; // most rewrites find nothing in most titles: no new string
                }
                String next = m.replaceAll(r.with());
                if (next.equals(s)) {
                    break;
                }
                s = next;
            }
        }
        StringBuilder out = new StringBuilder();
        char prev = ' ';
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                c = ' ';
            } else if (c < 0x20 || c >= 0x7f) {
                continue;
            }
            if (c == ' ' && prev == ' ') {
                continue;
            }
            out.append(c);
            prev = c;
        }
        return out.toString().strip();
    }

    /** The template with each {N} (1 to 99) replaced by the N-th argument, "?" past the last; any other text as it is. */
    static String fill(String template, List<String> args) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? placeholderEnd(template, i) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            int n = Integer.parseInt(template, i + 1, close, 10);
            out.append(n <= args.size() ? args.get(n - 1) : "?");
            i = close + 1;
        }
        return out.toString();
    }

    /** The index of the '}' closing a placeholder at {@code open} ({1} to {99}, no leading zero), or -1. */
    private static int placeholderEnd(String t, int open) {
        int i = open + 1;
        if (i >= t.length() || t.charAt(i) < '1' || t.charAt(i) > '9') {
            return -1;
        }
        i++;
        if (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i < t.length() && t.charAt(i) == '}' ? i : -1;
    }

    private static boolean matchesAny(String line, List<Pattern> patterns) {
        for (Pattern p : patterns) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
