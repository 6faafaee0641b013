package io.virtblk.grammar.report;

import io.virtblk.event.ReportClass;
import io.virtblk.grammar.json.UserFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The table of kernel report kinds, compiled ({@code fingerprint} tells tables apart: an index
 * made with other kinds is made again): how each kind's first line reads, how its title is
 * made, which stack names the guilty frame and which frames are skipped on the way, what type
 * and class a title has. It ships as {@code report-kinds.json} beside this class; users add or
 * override kinds with files of the same shape ({@code --reports FILE}, and every {@code *.json}
 * under {@code ~/.config/virtblk-shell/reports/}), read after it. See {@link RuleFile} for the format.
 */
public record ReportRules(
        List<Kind> kinds,
        Stack stack,
        List<Pattern> notReportStarts,
        List<String> infoWithStack,
        List<Pattern> corruptedTitles,
        List<String> corruptedAnywhere,
        List<Rewrite> titleRewrites,
        String panicLine,
        List<Pattern> fields,
        ReportLines reportLines,
        List<TypeRule> types,
        List<String> files,
        String fingerprint) {

    /** The resource every table starts from. */
    public static final String BUILT_IN = "report-kinds.json";

    /**
     * One kind of report: every line holding {@code header} (and none of {@code unless}) starts
     * one; the first of {@link #formats()} whose {@code match} is found earliest in the report
     * titles it. The shipped kinds' formats are compiled when a report of the kind is first
     * titled (a log holds a few kinds; compiling all of their patterns cost a tenth of a second
     * at every start); a user's are compiled at once, so a bad one is told at the start.
     */
    public static final class Kind {
        private final String id;
        private final String about;
        private final String header;
        private final List<Pattern> unless;
        private final String file;
        private volatile java.util.function.Supplier<List<Format>> make;
        private volatile List<Format> formats;

        Kind(String id, String about, String header, List<Pattern> unless, java.util.function.Supplier<List<Format>> formats, String file) {
            this.id = id;
            this.about = about;
            this.header = header;
            this.unless = unless;
            this.make = formats;
            this.file = file;
        }

        public String id() {
            return id;
        }

        public String about() {
            return about;
        }

        public String header() {
            return header;
        }

        public List<Pattern> unless() {
            return unless;
        }

        /** The file that defined it. */
        public String file() {
            return file;
        }

        public List<Format> formats() {
            List<Format> f = formats;
            if (f == null) {
                synchronized (this) {
                    if (formats == null) {
                        formats = make.get();
                        make = null;
                    }
                    f = formats;
                }
            }
            return f;
        }

        /** True when {@code line} starts a report of this kind. */
        public boolean startsAt(String line) {
            if (!line.contains(header)) {
                return false;
            }
            for (Pattern p : unless) {
                if (p.matcher(line).find()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * How one shape of a kind's report is titled. {@code title} is filled with {@code {1}}, {@code {2}}, ...:
     * the groups of {@code body} (or of {@code match} when there is no body), then the frame each
     * stack of {@code stack} yields.
     */
    public record Format(Pattern match, Pattern body, String title, List<String> alt, StackRule stack, boolean noStackTrace,
                         boolean corrupted) {
    }

    /**
     * Where the guilty frame is found: {@code parts} are matched line after line; a part that is a
     * pattern finds one line (its groups are frames), a {@link Part#STACK} part reads a call trace.
     * {@code fallbackParts} are tried when {@code parts} find nothing.
     */
    public record StackRule(List<Part> parts, List<Part> fallbackParts, List<String> skip, FrameChoice choice) {
    }

    /** One step of a {@link StackRule}: a line pattern, or (pattern null) "read a call trace here". */
    public record Part(Pattern pattern) {
        public static final Part STACK = new Part(null);

        public boolean isStack() {
            return pattern == null;
        }
    }

    /** What every report shares: how call traces start, how a frame line reads, which frames are never guilty. */
    public record Stack(List<Pattern> starts, List<Pattern> startsWithoutFrames, List<Pattern> frames, List<String> skip,
                        List<Pattern> corruptingLines, List<String> stripPrefixes) {
    }

    /**
     * What counts as a report's own line when its range is measured, besides frames and stack
     * starts: a message that (leading blanks aside) starts with one of {@code prefixes}, or
     * matches one of {@code patterns}. Prefixes, not patterns, for the common cases: this is asked
     * of lines by the thousand.
     */
    public record ReportLines(List<String> prefixes, List<Pattern> patterns) {
    }

    /** Applied to every title, in order, until it no longer changes: addresses, numbers, pids become words. */
    public record Rewrite(Pattern match, String with) {
    }

    /** Titles starting with one of {@code prefixes} have syzkaller's {@code type} and this {@code reportClass}. */
    public record TypeRule(List<String> prefixes, String type, ReportClass reportClass) {
    }

    /** The shipped table, made once, on first use, by whichever thread asks first. */
    private static final class Shipped {
        static final ReportRules RULES;

        static {
            try {
                RULES = of(List.of());
            } catch (IOException e) {
                throw new IllegalStateException("the shipped " + BUILT_IN + " does not load: " + e.getMessage(), e);
            }
        }
    }

    /** The shipped table alone. */
    public static ReportRules builtIn() {
        return Shipped.RULES;
    }

    /**
     * Starts making the shipped table on a thread of its own: reading and compiling it takes a
     * quarter of a second of a cold start, which can pass while the caller opens the store and
     * the file instead of before.
     */
    public static void prepare() {
        Thread.ofVirtual().name("virtblk-report-kinds").start(ReportRules::builtIn);
    }

    /** The shipped table with {@code extra} files read after it, each adding or overriding kinds. */
    public static ReportRules of(List<Path> extra) throws IOException {
        List<RuleFile> layers = new ArrayList<>();
        java.security.MessageDigest sha = sha256();
        byte[] shipped;
        try (InputStream in = ReportRules.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IOException(BUILT_IN + " is missing from the class path");
            }
            shipped = in.readAllBytes();
        }
        sha.update(shipped);
        layers.add(RuleFile.read(BUILT_IN, new java.io.ByteArrayInputStream(shipped), true));
        for (Path p : extra) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(p + ": no such report-kinds file");
            }
            sha.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
            layers.add(RuleFile.read(p.toString(), new java.io.ByteArrayInputStream(bytes), false));
        }
        return RuleFile.merge(layers, java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16));
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ~/.config/virtblk-shell/reports}, or under {@code $XDG_CONFIG_HOME} when set. */
    public static Path userDir() {
        return UserFiles.dir("reports");
    }

    /** The type and class of a title, by the first rule whose prefix it starts with. */
    public TypeRule typeOf(String title) {
        for (TypeRule t : types) {
            for (String prefix : t.prefixes()) {
                if (title.startsWith(prefix)) {
                    return t;
                }
            }
        }
        return UNKNOWN;
    }

    private static final TypeRule UNKNOWN = new TypeRule(List.of(), "UNKNOWN", ReportClass.BUG);

    /** The kind whose report starts at {@code line}, first in table order; null when none does. */
    public Kind kindStartingAt(String line) {
        for (Kind k : kinds) {
            if (k.startsAt(line)) {
                return k;
            }
        }
        return null;
    }

    Map<String, Kind> kindsById() {
        Map<String, Kind> m = new java.util.LinkedHashMap<>();
        for (Kind k : kinds) {
            m.put(k.id(), k);
        }
        return m;
    }
}
