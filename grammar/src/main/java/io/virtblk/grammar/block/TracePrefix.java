package io.virtblk.grammar.block;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a trace line before the event: who, where and when. Two shapes:
 *
 * <pre>
 *              fio-6340    [000] .....  1085.364764: block_bio_queue: 7,0 R 133576 + 8 [fio]   (ftrace; blk tracer: "...: 7,0 Q R ...")
 * capevents:   fio-6340    [000]  1085.364764: block_bio_queue:      7,0 R 133576 + 8 [fio]   (trace-cmd report, with its instance)
 *   7,0    0        1  1085.364795254  6340  Q  WS 95232 + 8 [fio]                           (blkparse; the kernel's blk_classic has no sequence)
 * </pre>
 *
 * A task's name may hold spaces and dashes ({@code kworker/u8:2}, {@code Chrome ChildIOT}); its pid
 * is the last {@code -NUMBER} before the CPU. The irq-flags column and the tgid column are optional.
 *
 * @param body the rest: {@code NAME: BODY} for a tracepoint, {@code DEV ACTION ...} for the blk
 *             tracer and blkparse
 * @param bodyColumn where the body starts in the line (0-based), for diagnostics
 * @param joinedAt   for blkparse, where in the body the device was joined to the action (the
 *                   columns between them are not in the body); -1 for the others
 * @param restColumn for blkparse, where the action starts in the line
 */
record TracePrefix(String format, String instance, String task, Integer pid, int cpu, double time, String body, int bodyColumn,
                   int joinedAt, int restColumn) {

    private static final Pattern FTRACE = Pattern.compile(
            "^(?:([A-Za-z0-9_.-]+):\\s+)?\\s*(.+?)-(\\d+)\\s+(?:\\(\\s*(?:\\d+|-+)\\)\\s+)?\\[(\\d+)\\]\\s+(?:([.a-zA-Z0-9]{4,5})\\s+)?(\\d+\\.\\d+):\\s+");
    private static final Pattern BLKPARSE = Pattern.compile(
            "^\\s*(\\d+,\\d+)\\s+(\\d+)\\s+(?:(\\d+)\\s+)?(\\d+\\.\\d+)\\s+(\\d+)\\s+(?=[A-Za-z]\\s)");

    /** The prefix of {@code line}, or null when it has neither shape. */
    static TracePrefix of(String line) {
        Matcher m = FTRACE.matcher(line);
        if (m.lookingAt()) {
            String instance = m.group(1);
            String format = instance != null ? "trace-cmd" : "ftrace";
            return new TracePrefix(format, instance, m.group(2).strip(), Integer.valueOf(m.group(3)), Integer.parseInt(m.group(4)),
                    Double.parseDouble(m.group(6)), line.substring(m.end()), m.end(), -1, -1);
        }
        m = BLKPARSE.matcher(line);
        if (m.lookingAt()) {
            // the device leads the body as it does in the blk tracer's lines, so one rule reads both
            String body = m.group(1) + " " + line.substring(m.end());
            return new TracePrefix("blkparse", null, null, Integer.valueOf(m.group(5)), Integer.parseInt(m.group(2)),
                    Double.parseDouble(m.group(4)), body, m.start(1), m.group(1).length(), m.end());
        }
        return null;
    }

    /** The column in the line (0-based) of column {@code c} of the body. */
    int column(int c) {
        return joinedAt < 0 || c <= joinedAt ? bodyColumn + c : restColumn + (c - joinedAt - 1);
    }
}
