package io.virtblk.load;

import io.virtblk.grammar.block.BlockTraceReader;
import io.virtblk.grammar.fio.FioLogLines;
import io.virtblk.grammar.fio.FioOutputReader;
import io.virtblk.grammar.kernel.KernelLineGrammar;
import io.virtblk.input.Line;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of input formats: each is detected by content, and {@code name:path} on the
 * command line forces one ({@code kernel:boot.txt}).
 */
public enum InputFormat {
    /** A terminal session: {@code $ } commands, {@code # ===} sections, their outputs. */
    TRANSCRIPT("transcript"),
    /** fio's normal (text) output, 2.x or 3.x. */
    FIO_TEXT("fio"),
    /** A kernel log: syslog, RFC 3339, dmesg, dmesg -T, journalctl -k, console. */
    KERNEL_LOG("kernel"),
    /** fio's per-I/O log files: {@code time, value, direction, block size[, offset[, priority]]}, and its histogram logs. */
    FIO_LOG("fio-log"),
    /** Block-layer traces: ftrace text, trace-cmd report, the blk tracer, blkparse. */
    BLOCK_TRACE("block"),
    /** Nothing recognisable: every line kept raw. */
    UNKNOWN("unknown");

    private static final int SNIFF_LINES = 200;
    private static final java.util.regex.Pattern MONO_ANYWHERE = java.util.regex.Pattern.compile("\\[ *\\d+\\.\\d{3,}\\]");
    private static final java.util.regex.Pattern SIGNATURE = java.util.regex.Pattern.compile(
            "BUG: |WARNING: |Call Trace:|INFO: task |detected stalls? on|soft lockup|hard LOCKUP|Oops: |general protection fault|Kernel panic");

    private final String id;

    InputFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The format named {@code id} ({@code fio}, {@code kernel}, {@code transcript}). */
    public static Optional<InputFormat> byId(String id) {
        for (InputFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** How many leading lines {@link #detect} wants to see. */
    public static int sniffLines() {
        return SNIFF_LINES;
    }

    /** Decides from the first lines of an input; a transcript wins over what its blocks contain. */
    public static InputFormat detect(List<Line> head) {
        int fio = 0;
        int kernel = 0;
        int logLines = 0;
        int block = 0;
        FioOutputReader fioLines = new FioOutputReader("detect", null);
        KernelLineGrammar kernelLines = new KernelLineGrammar();
        for (Line l : head) {
            String t = l.text();
            if (t.startsWith("$ ") || t.startsWith("# ===")) {
                return TRANSCRIPT;
            }
            if (t.equals("{") || io.virtblk.grammar.fio.FioTerseReader.isTerse(t)) {
                fio += 10; // a fio JSON document or terse line: the fio reader takes both
                continue;
            }
            // a scan, not a regex: a histogram line has up to 1,859 columns (see FioLogLines)
            if (FioLogLines.isSample(t) || FioLogLines.isHistogram(t)) {
                logLines++;
                continue;
            }
            if (t.isBlank()) {
                continue;
            }
            if (BlockTraceReader.recognizes(t)) {
                block++;
                continue;
            }
            // "fio: ..." is fio's own notice, often all there is in a saved stderr ("fio: io_u error on file ...")
            if (t.startsWith("fio-") || t.startsWith("fio: ") || t.contains(": (g=") || t.contains(": (groupid=") || t.startsWith("Run status group")) {
                if (fioLines.recognizes(t)) {
                    fio++;
                }
            }
            var parsed = kernelLines.parse(t, 2000);
            if (parsed.ok() && parsed.prefix().format() != io.virtblk.event.KernelFormat.CONSOLE) {
                kernel++;
            } else if (MONO_ANYWHERE.matcher(t).find() || SIGNATURE.matcher(t).find()) {
                // console captures: stamps glued mid-line, or no stamps at all but kernel reports
                kernel++;
            }
        }
        if (block > 0 && block >= kernel && block >= fio) {
            return BLOCK_TRACE;
        }
        if (fio > 0 && fio >= kernel) {
            return FIO_TEXT;
        }
        if (logLines > 0 && kernel == 0) {
            return FIO_LOG;
        }
        return kernel > 0 ? KERNEL_LOG : UNKNOWN;
    }
}
