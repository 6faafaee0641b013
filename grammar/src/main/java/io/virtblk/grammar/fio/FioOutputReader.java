package io.virtblk.grammar.fio;

import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.NoticeKind;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.Recognizers;
import io.virtblk.grammar.fio.FioParser.*;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fio's normal output (fio 2.x and 3.x) line by line into fio events.
 *
 * <p>Each line is parsed by {@link FioParser}; this class keeps the blocks together: a job
 * result runs from its {@code (groupid=...)} line to the blank line after {@code latency :},
 * a group status from {@code Run status group} through its READ/WRITE lines. Inside a block a
 * line that is not one of the block's lines is a diagnostic and is kept raw; outside blocks a
 * line fio did not write (a prompt, a heading) is kept raw without complaint.
 */
public final class FioOutputReader {

    private static final Pattern STUCK = Pattern.compile("job '(.*?)'(?: \\(state=(\\d+)\\))? hasn't exited in (\\d+) seconds.*");
    private static final Pattern SIGNAL = Pattern.compile("terminating on signal (\\d+).*");
    private static final Pattern KILLED = Pattern.compile("pid=(\\d+), got signal=(\\d+).*");
    private static final Pattern PID_ERR = Pattern.compile("pid=(\\d+), err=(.*)");
    private static final String GROUP_BW = "bw=RATE (RATE), MIN-MAX (MIN-MAX)";
    private static final String GROUP_RUN = "run=MIN-MAXmsec";

    private final String source;
    private final EventSink sink;
    private final FioLexer lexer = new FioLexer(null);
    private final FioParser parser = new FioParser(null);
    private final Recognizers<LineContext> grammar = new Recognizers<>(lexer, parser, FioParser::line);
    private final FioResultBuilder result = new FioResultBuilder();
    private String context = "fio output";
    private boolean fio2;
    private String version;
    private LocalDateTime lastStart;

    // group status block
    private Origin groupAt;
    private String groupRaw;
    private int groupId;
    private int groupLines;
    private final List<FioEvent.GroupDir> groupDirs = new ArrayList<>();
    private boolean inDiskStats;
    private final List<RawLine> heldInBlock = new ArrayList<>();
    private List<Line> json;
    private final FioTerseReader terse;

    public FioOutputReader(String source, EventSink sink) {
        this.source = source;
        this.sink = sink;
        this.terse = new FioTerseReader(source, sink);
    }

    /** Names the block the lines come from ({@code fio output of '$ sudo fio x.fio'}) for raw lines. */
    public void newBlock(String context) {
        finish();
        this.context = context;
    }

    /** fio's version as its output stated it, or null. */
    public String version() {
        return version;
    }

    /** The start time of the last job result read, which also dates a transcript's syslog lines. */
    public LocalDateTime lastStart() {
        return lastStart;
    }

    /** True when the line is one fio could have written; used to detect fio output. */
    public boolean recognizes(String text) {
        LineContext tree = grammar.parse(text);
        return !grammar.errors().any() && !(tree instanceof JobNoteContext);
    }

    public void line(Line line) {
        String text = line.text();
        Origin at = Origin.of(source, line.number());
        if (json != null) {
            // inside a JSON document (--output-format=json, or the JSON half of normal,json)
            json.add(line);
            if (text.equals("}")) {
                new FioJsonReader(source, sink).read(json);
                json = null;
            }
            return;
        }
        if (text.equals("{") && !result.open()) {
            finish();
            json = new ArrayList<>();
            json.add(line);
            return;
        }
        if (FioTerseReader.isTerse(text)) {
            finish();
            terse.line(line);
            return;
        }
        if (text.isBlank()) {
            finish();
            sink.structural(line.number());
            return;
        }
        LineContext tree = grammar.parse(text);
        GrammarErrors errors = grammar.errors();
        if (errors.any()) {
            if (result.open()) {
                boolean noHead = tree == null || tree.getStart() == null || tree.getStart().getType() == FioLexer.OTHER;
                int first = text.length() - text.stripLeading().length();
                keepRaw(at, text, noHead ? first + 1 : errors.column() + 1, "in the result of job '" + result.job() + "': " + (noHead
                        ? "expected a line of a job result (read/write/trim, slat/clat/lat, clat percentiles, bw, iops, lat buckets, "
                        + "cpu, IO depths, submit, complete, issued, latency), found " + Diagnostic.quote(text.strip())
                        : errors.message()));
            } else {
                finishGroup();
                sink.event(new RawLine(at, text, context), 1);
            }
            return;
        }
        try {
            dispatch(tree, at, text);
        } catch (FioUnits.BadNumber e) {
            keepRaw(at, text, Math.max(text.indexOf(e.getMessage()), 0) + 1,
                    where() + "expected " + e.expected() + ", found " + Diagnostic.quote(e.getMessage()));
        } catch (BadField e) {
            keepRaw(at, text, e.column(), where() + e.getMessage());
        }
    }

    /** Which block a bad line was found in, to start its diagnostic. */
    private String where() {
        if (result.open()) {
            return "in the result of job '" + result.job() + "': ";
        }
        return groupAt != null ? "in run status group " + groupId + ": " : "";
    }

    private void dispatch(LineContext tree, Origin at, String text) {
        if (result.open() && !result.accepts(tree)) {
            finishResult();
        }
        if (result.open()) {
            result.add(tree, text, at.line(), fio2);
            return;
        }
        switch (tree) {
            case VersionContext c -> {
                finish();
                version = c.VERSION().getText().substring(4);
                fio2 = version.startsWith("2.") || version.startsWith("1.");
                sink.event(new FioEvent.Version(at, text, version), 1);
            }
            case JobLineContext c -> jobLine(c, at, text);
            case StartingContext c -> {
                finish();
                sink.event(new FioEvent.Starting(at, text, (int) FioUnits.count(c.count.getText()), c.unit.getText()), 1);
            }
            case NoticeContext c -> {
                finishGroup();
                sink.event(notice(at, text, text.substring(4).strip()), 1);
            }
            case EtaContext c -> sink.event(new FioEvent.Progress(at, text), 1);
            case RepeatContext c -> sink.structural(at.line());
            case RunStatusContext c -> {
                finish();
                int id = FioUnits.wholeInt(c.groupId.getText()); // before the group opens, so a bad number leaves none half open
                groupAt = at;
                groupRaw = text;
                groupId = id;
                groupLines = 1;
            }
            case GroupDirectionContext c when groupAt != null -> {
                groupDirs.add(groupDir(c, text));
                groupLines++;
                groupAt = groupAt.through(at.line());
                groupRaw = groupRaw + "\n" + text;
            }
            case DiskStatsHeaderContext c -> {
                finish();
                inDiskStats = true;
                sink.structural(at.line());
            }
            case DiskStatsContext c when inDiskStats -> sink.event(diskStats(c, at, text), 1);
            case JobNoteContext c -> {
                finishGroup();
                String head = c.JOB_HEAD().getText();
                sink.event(new FioEvent.Notice(at, text, NoticeKind.JOB_NOTE, head.substring(0, head.length() - 1), null, null, null,
                        null, text.substring(head.length()).strip()), 1);
            }
            default -> {
                finishGroup();
                sink.event(new RawLine(at, text, context), 1);
            }
        }
    }

    private void jobLine(JobLineContext c, Origin at, String text) {
        finish();
        String head = c.JOB_HEAD().getText();
        String job = head.substring(0, head.length() - 1);
        Fields inner = Fields.of(text, c.fields());
        if (inner.get("g") != null) {
            Fields options = Fields.of(text, c.segment(0).fields());
            Map<String, String> all = new LinkedHashMap<>();
            options.all().forEach((k, v) -> all.put(k, v.value()));
            String depth = options.value("iodepth");
            sink.event(new FioEvent.JobHeader(at, text, job, (int) FioUnits.count(inner.value("g")), options.value("rw"),
                    options.value("bs"), options.value("ioengine"), depth == null ? null : (int) FioUnits.count(depth), all), 1);
            return;
        }
        if (inner.get("groupid") == null) {
            keepRaw(at, text, c.LPAREN().getSymbol().getCharPositionInLine() + 1,
                    "expected '(g=N)' or '(groupid=N, jobs=N)' after the job name, found " + Diagnostic.quote(text.substring(c.LPAREN().getSymbol().getStartIndex())));
            return;
        }
        lastStart = result.start(job, inner, c, text, at, version);
    }

    /** Makes a {@code fio:} notice; the text after {@code fio: } decides its kind. */
    private static FioEvent.Notice notice(Origin at, String raw, String text) {
        Matcher m;
        if ((m = STUCK.matcher(text)).matches()) {
            return new FioEvent.Notice(at, raw, NoticeKind.JOB_STUCK, m.group(1), FioUnits.wholeInt(m.group(3)), null, null,
                    m.group(2) == null ? null : FioUnits.wholeInt(m.group(2)), text);
        }
        if ((m = SIGNAL.matcher(text)).matches()) {
            return new FioEvent.Notice(at, raw, NoticeKind.SIGNAL, null, null, FioUnits.wholeInt(m.group(1)), null, null, text);
        }
        if ((m = KILLED.matcher(text)).matches()) {
            return new FioEvent.Notice(at, raw, NoticeKind.KILLED, null, null, FioUnits.wholeInt(m.group(2)), FioUnits.wholeInt(m.group(1)),
                    null, text);
        }
        if ((m = PID_ERR.matcher(text)).matches()) {
            return new FioEvent.Notice(at, raw, NoticeKind.ERROR, null, null, null, FioUnits.wholeInt(m.group(1)), null, text);
        }
        return new FioEvent.Notice(at, raw, text.contains("error") ? NoticeKind.ERROR : NoticeKind.OTHER, null, null, null, null, null, text);
    }

    private FioEvent.GroupDir groupDir(GroupDirectionContext c, String text) {
        String head = c.GROUP_DIR_HEAD().getText().strip();
        String dir = head.substring(0, head.length() - 1).toLowerCase();
        Fields f = Fields.of(text, c.fields());
        if (f.get("aggrb") != null) {
            // fio 2.x: io=32768KB, aggrb=170666KB/s, minb=..., maxb=..., mint=192msec, maxt=192msec
            String io = f.requireValue("io", "io=SIZE");
            String mint = f.requireValue("mint", "mint=TIME");
            String maxt = f.requireValue("maxt", "maxt=TIME");
            return new FioEvent.GroupDir(dir, FioUnits.whole(FioUnits.bytes(io, true), io), FioUnits.bytesPerSecond(f.value("aggrb"), true),
                    FioUnits.bytesPerSecond(f.requireValue("minb", "minb=RATE"), true),
                    FioUnits.bytesPerSecond(f.requireValue("maxb", "maxb=RATE"), true),
                    FioUnits.whole(FioUnits.millis(mint), mint), FioUnits.whole(FioUnits.millis(maxt), maxt));
        }
        // fio 3.x: bw=199MiB/s (208MB/s), 199MiB/s-199MiB/s (208MB/s-208MB/s), io=596MiB (625MB), run=3002-3002msec
        Fields.Field bw = f.require("bw", GROUP_BW);
        String rate = firstWord(bw.value()); // the first of its parts; "" (then not a number) when it has none
        String[] range = bw.parts().size() > 1 ? firstWord(bw.parts().get(1)).split("-", -1) : new String[] {rate, rate};
        if (range.length != 2) {
            throw Fields.bad(bw, "'" + GROUP_BW + "'");
        }
        Fields.Field runField = f.require("run", GROUP_RUN);
        String[] run = runField.value().split("-", -1);
        if (run.length != 2) {
            // a damaged byte where the '-' was leaves one time, or three
            throw Fields.bad(runField, "'" + GROUP_RUN + "'");
        }
        String unit = run[1].replaceAll("[0-9.]", "");
        String io = firstWord(f.requireValue("io", "io=SIZE (SIZE)"));
        return new FioEvent.GroupDir(dir, FioUnits.whole(FioUnits.bytes(io, false), io), FioUnits.bytesPerSecond(rate, false),
                FioUnits.bytesPerSecond(range[0], false), FioUnits.bytesPerSecond(range[1], false),
                FioUnits.whole(FioUnits.millis(run[0] + unit), run[0]), FioUnits.whole(FioUnits.millis(run[1]), run[1]));
    }

    private static FioEvent.DiskStats diskStats(DiskStatsContext c, Origin at, String text) {
        String head = c.DEVICE_HEAD().getText().strip();
        Fields f = Fields.of(text, c.fields());
        String util = f.value("util");
        String inQueue = f.value("in_queue");
        return new FioEvent.DiskStats(at, text, head.substring(0, head.length() - 1), pair(f.value("ios")), pair(f.value("merge")),
                pair(f.value("ticks")), pair(f.value("sectors")), inQueue == null ? null : FioUnits.wholeNumber(inQueue),
                util == null ? null : FioUnits.count(util));
    }

    /** {@code 5752/0} as [5752, 0]; null when absent. */
    static List<Long> pair(String v) {
        if (v == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (String p : v.split("/")) {
            out.add(FioUnits.wholeNumber(p));
        }
        return out;
    }

    static String firstWord(String s) {
        String t = s.strip();
        int i = 0;
        while (i < t.length() && t.charAt(i) != ' ' && t.charAt(i) != '(') {
            i++;
        }
        return t.substring(0, i);
    }

    private void keepRaw(Origin at, String text, int column, String message) {
        sink.diagnostic(new Diagnostic(source, at.line(), column, message));
        RawLine raw = new RawLine(at, text, context);
        if (result.open() || groupAt != null) {
            heldInBlock.add(raw); // the block starts above this line, so it leaves first
        } else {
            sink.event(raw, 1);
        }
    }

    /** Closes any open block. Call at the end of the input. */
    public void finish() {
        if (json != null) {
            // the document never closed: read what there is; the reader reports where it broke off
            List<Line> open = json;
            json = null;
            new FioJsonReader(source, sink).read(open);
        }
        finishResult();
        finishGroup();
        inDiskStats = false;
    }

    private void finishResult() {
        if (result.open()) {
            FioResultBuilder.Done done = result.finish();
            for (Diagnostic d : done.problems()) {
                sink.diagnostic(new Diagnostic(source, d.line(), d.column(), d.message()));
            }
            sink.event(done.event(), done.lines());
            releaseHeld();
        }
    }

    private void finishGroup() {
        if (groupAt != null) {
            sink.event(new FioEvent.GroupStatus(groupAt, groupRaw, groupId, List.copyOf(groupDirs)), groupLines);
            groupAt = null;
            groupDirs.clear();
            releaseHeld();
        }
    }

    private void releaseHeld() {
        heldInBlock.forEach(r -> sink.event(r, 1));
        heldInBlock.clear();
    }
}
