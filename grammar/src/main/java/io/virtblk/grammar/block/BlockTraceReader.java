package io.virtblk.grammar.block;

import io.virtblk.event.BlockEvent;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.Recognizers;
import io.virtblk.grammar.block.BlockTraceParser.*;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Block-layer traces: the kernel's block tracepoints as ftrace text ({@code /sys/kernel/tracing/trace}
 * or {@code trace_pipe}, with or without the irq-flags column and the header), as
 * {@code trace-cmd report} prints them (with an instance prefix), and the blktrace text formats
 * (the kernel's {@code blk} tracer, {@code blkparse} with or without sequence numbers, the
 * tracer's {@code blk_classic} form). Each block event is one {@link BlockEvent}.
 *
 * <p>Nothing is lost: the header is structural; other ftrace events in the same file
 * ({@code sched_switch}, ...) are kept as raw lines and counted by name in one diagnostic; a block
 * event that breaks the grammar is a raw line with a diagnostic at its column; a trace that says
 * it lost events says so, since its requests may then look unfinished.
 */
public final class BlockTraceReader {

    private static final Pattern ENTRIES = Pattern.compile("^# entries-in-buffer/entries-written: (\\d+)/(\\d+)");
    private static final Pattern LOST = Pattern.compile("^\\s*CPU:?\\s*(\\d+)\\s*\\[LOST (\\d+) EVENTS\\]");
    /** blktrace's action for a message (free text, {@code blk_add_trace_msg}). */
    private static final String MESSAGE = "m";
    private static final Pattern TRACE_CMD_HEADER = Pattern.compile("^(cpus=\\d+|version = \\S+|CPU \\d+ is empty)\\s*$");

    private final String source;
    private final EventSink sink;
    private final Recognizers<TracepointContext> tracepoints = new Recognizers<>(new BlockTraceLexer(null), new BlockTraceParser(null),
            BlockTraceParser::tracepoint);
    private final Recognizers<ActionContext> actions = new Recognizers<>(new BlockTraceLexer(null), new BlockTraceParser(null),
            BlockTraceParser::action);
    /** Other ftrace events seen, by name, and the first line of each. */
    /** Pairs the events into requests, each an event of its own, on lines already counted. */
    private final BlockRequests requests;
    private final boolean grammarOnly;
    private final Map<String, int[]> others = new TreeMap<>();
    private int notTrace;
    private int firstNotTrace;

    public BlockTraceReader(String source, EventSink sink) {
        this(source, sink, true);
    }

    /** {@code pairs} false: the block events alone, no request events (to measure what pairing costs). */
    public BlockTraceReader(String source, EventSink sink, boolean pairs) {
        this(source, sink, pairs, false);
    }

    /** {@code grammarOnly}: every body through the grammar, none read by hand ({@link FastBody} is tested against this). */
    BlockTraceReader(String source, EventSink sink, boolean pairs, boolean grammarOnly) {
        this.source = source;
        this.sink = sink;
        this.requests = pairs ? new BlockRequests(source, r -> sink.event(r, 0)) : null;
        this.grammarOnly = grammarOnly;
    }

    /** Whether {@code text} is a line of a block trace (for telling formats apart). */
    public static boolean recognizes(String text) {
        if (text.startsWith("# tracer: ")) {
            return true;
        }
        TracePrefix p = TracePrefix.of(text);
        return p != null && (p.body().startsWith("block_") || !p.body().isEmpty() && Character.isDigit(p.body().charAt(0)));
    }

    public void line(Line line) {
        String text = line.text();
        int n = line.number();
        if (text.isBlank() || TRACE_CMD_HEADER.matcher(text).matches()) {
            sink.structural(n);
            return;
        }
        if (text.startsWith("#")) {
            header(line);
            return;
        }
        Matcher lost = LOST.matcher(text);
        if (lost.lookingAt()) {
            sink.event(new RawLine(Origin.of(source, n), text, "trace"), 1);
            sink.diagnostic(new Diagnostic(source, n, 0, "the trace lost " + lost.group(2) + " events on CPU " + lost.group(1)
                    + " here: requests around this point may look queued or issued but never completed"));
            return;
        }
        TracePrefix p = TracePrefix.of(text);
        if (p == null) {
            notTrace++;
            if (firstNotTrace == 0) {
                firstNotTrace = n;
            }
            sink.event(new RawLine(Origin.of(source, n), text, "not a trace event"), 1);
            return;
        }
        String body = p.body();
        if (!body.isEmpty() && Character.isDigit(body.charAt(0))) {
            action(line, p, "ftrace".equals(p.format()) ? "blk" : p.format());
            return;
        }
        int colon = body.indexOf(':');
        String name = colon < 0 ? body.strip() : body.substring(0, colon);
        if (!name.startsWith("block_") || colon < 0) {
            others.computeIfAbsent(name, k -> new int[] {0, n})[0]++;
            sink.event(new RawLine(Origin.of(source, n), text, "ftrace event " + name, p.time()), 1);
            return;
        }
        tracepoint(line, p, name, colon + 1);
    }

    /** After the last line: the requests that never completed, then what was kept raw, counted. */
    public void finish() {
        if (requests != null) {
            requests.finish();
        }
        if (!others.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            int total = 0;
            int first = Integer.MAX_VALUE;
            for (Map.Entry<String, int[]> e : others.entrySet()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue()[0]);
                total += e.getValue()[0];
                first = Math.min(first, e.getValue()[1]);
            }
            sink.diagnostic(new Diagnostic(source, first, 0, total + " line(s) of other trace events kept raw (searchable, not typed): " + sb));
        }
        if (notTrace > 0) {
            sink.diagnostic(new Diagnostic(source, firstNotTrace, 0, notTrace + " line(s) are no trace event (expected TASK-PID [CPU] TIME: EVENT: "
                    + "or blkparse's DEV CPU [SEQ] TIME PID ACTION); kept raw"));
        }
    }

    private void header(Line line) {
        sink.structural(line.number());
        Matcher m = ENTRIES.matcher(line.text());
        if (m.lookingAt() && !m.group(1).equals(m.group(2))) {
            long lost = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
            sink.diagnostic(new Diagnostic(source, line.number(), 0, "the trace buffer overflowed: " + m.group(2) + " events written, "
                    + m.group(1) + " kept (" + lost + " lost, the oldest): requests that began before the first event look unfinished"));
        }
    }

    private void tracepoint(Line line, TracePrefix p, String name, int bodyAt) {
        String body = p.body().substring(bodyAt);
        if (!grammarOnly) {
            try {
                FastBody f = FastBody.read(body);
                if (f != null) {
                    String action = BlockActions.action(name);
                    boolean completes = BlockActions.completes(action);
                    emit(new BlockEvent(Origin.of(source, line.number()), line.text(), p.format(), p.time(), p.task(), p.pid(), p.cpu(), name,
                            action, dev(f.dev()), f.rwbs(), f.sector() == -1L ? null : f.sector(), f.sectors(), f.bytes(),
                            BlockActions.namesCommand(action) ? f.who() : null, completes && f.who() != null ? error(f.who()) : null, null,
                            p.body()));
                    return;
                }
            } catch (NumberFormatException ex) {
                bad(line, p.column(bodyAt), tooBig(ex) + " in " + name);
                return;
            }
        }
        TracepointContext tree = tracepoints.parse(body);
        if (failed(line, p, tracepoints.errors(), bodyAt, name)) {
            return;
        }
        String action = BlockActions.action(name);
        try {
            BlockEvent e = switch (tree) {
                case DeviceEventContext c -> event(line, p, p.format(), name, action, c.DEV().getText(), c.rwbs.getText(), c.parts(), false);
                case QueueEventContext c -> new BlockEvent(Origin.of(source, line.number()), line.text(), p.format(), p.time(), p.task(),
                        p.pid(), p.cpu(), name, action, null, null, null, null, null, inside(c.BRACKET().getText()), null,
                        c.count == null ? null : "count " + c.count.getText(), p.body());
                default -> throw new IllegalStateException("no event rule matched " + tree.getClass().getSimpleName());
            };
            emit(e);
        } catch (NumberFormatException ex) {
            bad(line, p.column(bodyAt), tooBig(ex) + " in " + name);
        }
    }

    private void action(Line line, TracePrefix p, String format) {
        ActionContext tree = actions.parse(p.body());
        if (failed(line, p, actions.errors(), 0, "")) {
            return;
        }
        try {
            BlockEvent e = switch (tree) {
                case ActionEventContext c -> {
                    String act = c.act.getText();
                    yield event(line, p, format, BlockActions.tracepoint(act), act, c.DEV().getText(), c.rwbs.getText(), c.parts(), true);
                }
                case ActionNoteContext c when !MESSAGE.equals(c.act.getText()) -> {
                    // only a message is free text: an I/O action whose parts do not read is a broken line
                    bad(line, p.column(c.act.getStopIndex() + 1), "expected the parts of action " + c.act.getText()
                            + " (RWBS SECTOR + COUNT [COMM], as blktrace writes them), found " + Diagnostic.quote(p.body().substring(c.act.getStopIndex() + 1).strip()));
                    yield null;
                }
                case ActionNoteContext c -> {
                    String act = c.act.getText();
                    String rest = p.body().substring(c.act.getStopIndex() + 1).strip();
                    yield new BlockEvent(Origin.of(source, line.number()), line.text(), format, p.time(), p.task(), p.pid(), p.cpu(),
                            BlockActions.tracepoint(act), act, dev(c.DEV().getText()), null, null, null, null, null, null, rest.isEmpty() ? null : rest,
                            p.body());
                }
                default -> throw new IllegalStateException("no event rule matched " + tree.getClass().getSimpleName());
            };
            if (e != null) {
                emit(e);
            }
        } catch (NumberFormatException ex) {
            bad(line, p.column(0), tooBig(ex));
        }
    }

    /** The event, then the request it completes, if it does. */
    private void emit(BlockEvent e) {
        sink.event(e, 1);
        if (requests != null) {
            requests.accept(e);
        }
    }

    /** {@code actionForm}: a line of the blk tracer or blkparse (an action letter), not a tracepoint's. */
    private BlockEvent event(Line line, TracePrefix p, String format, String tracepoint, String action, String dev, String rwbs, PartsContext parts,
            boolean actionForm) {
        Long sector = null;
        Integer sectors = null;
        StringBuilder detail = new StringBuilder();
        if (parts.where() instanceof ExtentContext x) {
            sector = sector(x.sector.getText());
            sectors = Integer.parseInt(x.sectors.getText());
        } else if (parts.where() instanceof SplitContext x) {
            sector = sector(x.sector.getText());
            detail.append("new sector ").append(Long.parseLong(x.newSector.getText()));
        }
        if (parts.remap() != null) {
            RemapContext r = parts.remap();
            String from = r.from.getText().replace("(", "").replace(")", "");
            detail.append(detail.isEmpty() ? "" : "; ").append("from ").append(dev(from)).append(' ').append(Long.parseLong(r.fromSector.getText()));
        }
        String cmd = parts.CMD() == null ? "()" : parts.CMD().getText();
        if (!cmd.equals("()")) {
            detail.append(detail.isEmpty() ? "" : "; ").append("command ").append(cmd);
        }
        if (parts.count != null) {
            detail.append(detail.isEmpty() ? "" : "; ").append("count ").append(parts.count.getText());
        }
        String who = parts.who == null ? null : inside(parts.who.getText());
        boolean completes = BlockActions.completes(action);
        Integer error = completes && who != null ? error(who) : null;
        String comm = BlockActions.namesCommand(action) ? who : null;
        Long bytes = null;
        if (actionForm && emptyRequest(action, parts)) {
            // the blk tracer's and blkparse's empty request (a flush): D FN [kworker/1:1H], completed as C FN 18446744073709551615 [0] —
            // a number with no command before it and no count after it is the sector, not a size; no sectors, as the tracepoints' 0 + 0
            sector = parts.bytes == null ? null : sector(parts.bytes.getText());
            sectors = 0;
        } else if (parts.bytes != null) {
            bytes = Long.parseLong(parts.bytes.getText());
        }
        return new BlockEvent(Origin.of(source, line.number()), line.text(), format, p.time(), p.task(), p.pid(), p.cpu(), tracepoint, action,
                dev(dev), rwbs, sector, sectors, bytes, comm, error, detail.isEmpty() ? null : detail.toString(), p.body());
    }

    /** A request step's action line with neither extent nor command: a request with no data. */
    private static boolean emptyRequest(String action, PartsContext parts) {
        return parts.where() == null && parts.CMD() == null && action.length() == 1
                && "QGIDCR".indexOf(action.charAt(0)) >= 0;
    }

    private boolean failed(Line line, TracePrefix p, GrammarErrors errors, int bodyAt, String what) {
        if (!errors.any()) {
            return false;
        }
        bad(line, p.column(bodyAt + errors.column()), errors.message() + (what.isEmpty() ? "" : " in " + what));
        return true;
    }

    private void bad(Line line, int column, String message) {
        sink.event(new RawLine(Origin.of(source, line.number()), line.text(), "block trace"), 1);
        sink.diagnostic(new Diagnostic(source, line.number(), column, message));
    }

    private static String tooBig(NumberFormatException ex) {
        Matcher digits = Pattern.compile("\\d+").matcher(ex.getMessage() == null ? "" : ex.getMessage());
        return "a number too big for its field: " + (digits.find() ? "\"" + digits.group() + "\"" : "?")
                + " (a sector is at most 18446744073709551615, a count 2147483647)";
    }

    /**
     * A sector, which the kernel prints unsigned: an empty flush completes at
     * {@code 18446744073709551615}, the (sector_t)-1 of a request with no data, read as no sector.
     */
    private static Long sector(String digits) {
        long s = Long.parseUnsignedLong(digits);
        return s == -1L ? null : s;
    }

    /** {@code 7,0} as {@code 7:0}, the way {@code lsblk} and {@code /proc/partitions} name a device. */
    private static String dev(String dev) {
        return dev.replace(',', ':');
    }

    private static String inside(String bracketed) {
        return bracketed.substring(1, bracketed.length() - 1).strip();
    }

    /** A completion's {@code [0]} or {@code [-5]}; null when the bracket holds no number. */
    private static Integer error(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
