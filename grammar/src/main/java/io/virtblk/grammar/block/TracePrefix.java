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

    // a CPU of up to 6 digits and a pid of up to 9, as the hand reader takes them: a longer run of digits is no trace
    // line (it would overflow an int), not a reader failure
    private static final Pattern FTRACE = Pattern.compile(
            "^(?:([A-Za-z0-9_.-]+):\\s+)?\\s*(.+?)-(\\d{1,9})\\s+(?:\\(\\s*(?:\\d+|-+)\\)\\s+)?\\[(\\d{1,6})\\]\\s+(?:([.a-zA-Z0-9]{4,5})\\s+)?(\\d+\\.\\d+):\\s+");
    private static final Pattern BLKPARSE = Pattern.compile(
            "^\\s*(\\d+,\\d+)\\s+(\\d{1,6})\\s+(?:(\\d+)\\s+)?(\\d+\\.\\d+)\\s+(\\d{1,9})\\s+(?=[A-Za-z]\\s)");

    /** The prefix of {@code line}, or null when it has neither shape. */
    static TracePrefix of(String line) {
        TracePrefix fast = ftrace(line);
        return fast != null ? fast : matched(line);
    }

    /**
     * The ftrace prefix read by hand, for the shape nearly every line of a big trace has
     * ({@code TASK-PID [CPU] FLAGS TIME: }, an instance name before it in trace-cmd's); null for
     * anything it is not sure of, which the patterns then read. The regular expressions took a
     * tenth of a load; {@code TracePrefixTest} holds this to their answer.
     */
    static TracePrefix ftrace(String line) {
        int n = line.length();
        int open = line.indexOf(" [");
        if (open < 0) {
            return null;
        }
        int i = open + 2;
        int cpu = 0;
        int digits = 0;
        while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            cpu = cpu * 10 + (line.charAt(i++) - '0');
            if (++digits > 6) {
                return null;
            }
        }
        if (digits == 0 || i >= n || line.charAt(i) != ']') {
            return null;
        }
        i++;
        // TASK-PID before the bracket, left of the blanks
        int end = open;
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == ')') {
            return null; // a TGID column: the patterns read it
        }
        int dash = end;
        while (dash > 0 && line.charAt(dash - 1) >= '0' && line.charAt(dash - 1) <= '9') {
            dash--;
        }
        if (dash == end || dash == 0 || line.charAt(dash - 1) != '-' || end - dash > 9) {
            return null;
        }
        int pid = Integer.parseInt(line, dash, end, 10);
        int start = 0;
        while (start < dash - 1 && line.charAt(start) == ' ') {
            start++;
        }
        String instance = null;
        int colon = line.indexOf(':');
        if (start == 0 && colon > 0 && colon < dash - 1 && space(line.charAt(colon + 1)) && instanceName(line, 0, colon)) {
            // trace-cmd's "INSTANCE: " leads the line (kworker/u8:2's colon is followed by no blank)
            instance = line.substring(0, colon);
            start = skipBlanks(line, colon + 1);
        }
        if (start >= dash - 1) {
            return null;
        }
        String task = line.substring(start, dash - 1).strip();
        if (task.isEmpty()) {
            return null;
        }
        // blanks, the flags (4 or 5 of [.a-zA-Z0-9]) if there, blanks, SECONDS.FRACTION ':' blanks
        int j = skipBlanks(line, i);
        if (j == i) {
            return null;
        }
        int t = j;
        while (t < n && line.charAt(t) >= '0' && line.charAt(t) <= '9') {
            t++;
        }
        if (t == j || t >= n || line.charAt(t) != '.') {
            int f = j;
            while (f < n && flag(line.charAt(f))) {
                f++;
            }
            if (f - j < 4 || f - j > 5) {
                return null;
            }
            int k = skipBlanks(line, f);
            if (k == f) {
                return null;
            }
            j = k;
        }
        int time = j;
        while (j < n && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
            j++;
        }
        if (j == time || j >= n || line.charAt(j) != '.') {
            return null;
        }
        j++;
        int frac = j;
        while (j < n && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
            j++;
        }
        if (j == frac || j >= n || line.charAt(j) != ':') {
            return null;
        }
        int body = skipBlanks(line, j + 1);
        if (body == j + 1 || body >= n) {
            return null;
        }
        return new TracePrefix(instance != null ? "trace-cmd" : "ftrace", instance, task, pid, cpu, Double.parseDouble(line.substring(time, j)),
                line.substring(body), body, -1, -1);
    }

    private static boolean instanceName(String line, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = line.charAt(k);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean flag(char c) {
        return c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && space(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What the patterns' {@code \s} is. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The prefix as the patterns read it: the reference {@link #ftrace} is held to. */
    static TracePrefix matched(String line) {
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
