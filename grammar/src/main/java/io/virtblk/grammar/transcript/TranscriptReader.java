package io.virtblk.grammar.transcript;

import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.event.TranscriptEvent;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.fio.FioOutputReader;
import io.virtblk.grammar.kernel.KernelLogReader;
import io.virtblk.input.Line;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads a session transcript: the {@link TranscriptParser} finds its blocks, and each command's
 * output goes to the reader of that program (fio's output to {@link FioOutputReader}, a kernel
 * log tail to {@link KernelLogReader}); output of programs no grammar knows is kept as raw lines
 * of that command's block.
 */
public final class TranscriptReader {

    /** What a command's output is, judged by the program that printed it. */
    enum Output { FIO, KERNEL_LOG, OTHER }

    private final String source;
    private final EventSink sink;
    private final FioOutputReader fio;
    private final KernelLogReader kernel;
    private final ShellJobs jobs = new ShellJobs();

    public TranscriptReader(String source, EventSink sink, int year) {
        this(source, sink, year, io.virtblk.grammar.report.ReportRules.builtIn());
    }

    public TranscriptReader(String source, EventSink sink, int year, io.virtblk.grammar.report.ReportRules reports) {
        this(source, sink, year, reports, io.virtblk.grammar.driver.DriverLines.none());
    }

    /** With the lines of drivers defined by files, in the transcript's kernel log tails. */
    public TranscriptReader(String source, EventSink sink, int year, io.virtblk.grammar.report.ReportRules reports,
                            io.virtblk.grammar.driver.DriverLines drivers) {
        this.source = source;
        this.sink = sink;
        this.fio = new FioOutputReader(source, sink);
        this.kernel = new KernelLogReader(source, sink, year, reports, drivers);
    }

    public void read(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (Line l : lines) {
            text.append(l.text()).append('\n');
        }
        TranscriptLexer lexer = new TranscriptLexer(CharStreams.fromString(text.toString(), source));
        TranscriptParser parser = new TranscriptParser(new CommonTokenStream(lexer));
        GrammarErrors errors = new GrammarErrors();
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        TranscriptParser.TranscriptContext tree = parser.transcript();
        Output output = Output.OTHER;
        String context = "transcript";
        for (TranscriptParser.BlockContext block : tree.block()) {
            switch (block) {
                case TranscriptParser.SectionContext s -> {
                    endOutput(output);
                    output = Output.OTHER;
                    context = "transcript";
                    Line l = lineOf(lines, s.SECTION().getSymbol());
                    sink.event(new TranscriptEvent.Section(at(l), l.text(), title(l.text())), 1);
                }
                case TranscriptParser.CommandContext c -> {
                    endOutput(output);
                    Line l = lineOf(lines, c.COMMAND().getSymbol());
                    String commandLine = l.text().substring(2).strip();
                    String program = program(commandLine);
                    sink.event(new TranscriptEvent.Command(at(l), l.text(), commandLine, program), 1);
                    context = "output of '" + l.text() + "'";
                    // after fg the resumed job prints again: fio's stuck notices under '$ fg' are fio's
                    List<ShellJobs.Job> back = jobs.command(l.number(), commandLine, program).resumed();
                    if (back.size() == 1) {
                        ShellJobs.Job job = back.getFirst();
                        output = outputOf(job.program(), job.commandLine());
                        context += " (job " + job.number() + ", '" + job.commandLine() + "' from line " + job.line() + ")";
                    } else {
                        output = outputOf(program, commandLine);
                    }
                    if (output == Output.FIO) {
                        fio.newBlock("fio " + context);
                    } else if (output == Output.KERNEL_LOG) {
                        kernel.newBlock("kernel log " + context);
                        if (fio.lastStart() != null) {
                            kernel.year(fio.lastStart().getYear());
                        }
                    }
                    for (TranscriptParser.OutputContext o : c.output()) {
                        outputLine(lineOf(lines, o.getStart()), o, output, context);
                    }
                }
                case TranscriptParser.LooseContext c -> outputLine(lineOf(lines, c.output().getStart()), c.output(), output, context);
                default -> throw new IllegalStateException("unknown block " + block.getClass().getSimpleName());
            }
        }
        endOutput(output);
    }

    private void outputLine(Line l, TranscriptParser.OutputContext o, Output output, String context) {
        TerminalNode t = (TerminalNode) o.getChild(0);
        int type = t.getSymbol().getType();
        if (type == TranscriptLexer.INTERRUPT || type == TranscriptLexer.ANNOTATION) {
            // what the program's reader still holds (a report waiting for its trace) comes first
            endOutput(output);
        }
        switch (type) {
            case TranscriptLexer.INTERRUPT -> sink.event(new TranscriptEvent.Interrupt(at(l), l.text()), 1);
            case TranscriptLexer.ANNOTATION -> sink.event(new TranscriptEvent.Annotation(at(l), l.text(), l.text().substring(3).strip()), 1);
            case TranscriptLexer.ELISION -> sink.structural(l.number());
            case TranscriptLexer.BLANK -> {
                switch (output) {
                    case FIO -> fio.line(l);
                    case KERNEL_LOG -> kernel.line(l);
                    case OTHER -> sink.structural(l.number());
                }
            }
            default -> {
                switch (output) {
                    case FIO -> fio.line(l);
                    case KERNEL_LOG -> kernel.line(l);
                    case OTHER -> sink.event(new RawLine(at(l), l.text(), context), 1);
                }
            }
        }
    }

    private void endOutput(Output output) {
        if (output == Output.FIO) {
            fio.finish();
        } else if (output == Output.KERNEL_LOG) {
            kernel.finish();
        }
    }

    private Origin at(Line l) {
        return Origin.of(source, l.number());
    }

    private static Line lineOf(List<Line> lines, Token t) {
        return lines.get(t.getLine() - 1);
    }

    /** "# === Running VIRTual BLocK IOFIOing (read) =====" -> "Running VIRTual BLocK IOFIOing (read)". */
    static String title(String line) {
        return line.replaceAll("^#\\s*=+\\s*", "").replaceAll("\\s*=+\\s*$", "").strip();
    }

    /** The program a command line runs, past sudo, env assignments and time. */
    static String program(String commandLine) {
        for (String word : commandLine.split("\\s+")) {
            if (word.equals("sudo") || word.equals("time") || word.equals("env") || word.equals("nohup") || word.contains("=")
                    || word.startsWith("-")) {
                continue;
            }
            int slash = word.lastIndexOf('/');
            return slash >= 0 ? word.substring(slash + 1) : word;
        }
        return "";
    }

    static Output outputOf(String program, String commandLine) {
        return switch (program) {
            case "fio" -> Output.FIO;
            case "tailf", "dmesg", "journalctl" -> Output.KERNEL_LOG;
            case "tail", "cat", "less", "grep", "zcat", "head" ->
                    commandLine.matches(".*(kern\\.log|syslog|messages|dmesg|journal).*") ? Output.KERNEL_LOG : Output.OTHER;
            default -> Output.OTHER;
        };
    }
}
