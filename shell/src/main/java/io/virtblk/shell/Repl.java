package io.virtblk.shell;

import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.InternalFailure;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The prompt: read a line, run it, print any error and go on. Ctrl-C abandons the line,
 * Ctrl-D or {@code quit} leaves. The full shell (completion, history, paging) builds on this.
 */
final class Repl {

    static final String PROMPT = "virtblk-shell> ";

    private final Commands commands;
    private final Session session;

    Repl(Commands commands, Session session) {
        this.commands = commands;
        this.session = session;
    }

    /** jline's JNI terminal starts in half the time of its FFM one (measured 160 vs 370 ms); the others stay as fallbacks. */
    int run() {
        try (Terminal terminal = TerminalBuilder.builder().name("virtblk-shell").providers("jni,ffm,exec").build()) {
            return run(terminal);
        } catch (IOException e) {
            session.err().println("virtblk-shell: cannot open the terminal: " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** The loop on a given terminal; tests hand it a {@code DumbTerminal} over piped streams. */
    int run(Terminal terminal) {
        session.width(terminal.getWidth());
        Integer colors = terminal.getNumericCapability(org.jline.utils.InfoCmp.Capability.max_colors);
        session.settings().terminalColors(!"dumb".equals(terminal.getType()) && colors != null && colors >= 8);
        session.interactive(!"dumb".equals(terminal.getType()));
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("virtblk-shell")
                .completer(new ShellCompleter(commands, session))
                .highlighter(new ShellHighlighter(commands, session.settings()))
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.HISTORY_SIZE, 5000)
                .build();
        // Ctrl-C outside a command (paging through less, between commands) must not take the
        // JVM's default action, which ends the shell: readLine and runWorker install their own
        terminal.handle(Terminal.Signal.INT, sig -> { });
        session.history(() -> {
            java.util.List<String> lines = new java.util.ArrayList<>();
            reader.getHistory().forEach(e -> lines.add(e.line()));
            return lines;
        });
        {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return Main.OK;
                } catch (java.io.IOError e) {
                    // the terminal went away (window closed, tmux killed): leave quietly
                    return Main.OK;
                }
                String t = line.strip();
                if (t.equals("quit") || t.equals("exit")) {
                    return Main.OK;
                }
                session.width(terminal.getWidth());
                runInterruptibly(terminal, t);
                session.out().flush();
                try {
                    reader.getHistory().save();
                } catch (IOException e) {
                    // history is a convenience; a read-only home must not end the session
                }
            }
        }
    }

    /**
     * Runs one command on a worker thread, so Ctrl-C can interrupt it (a load stops and leaves
     * what was loaded before it) and the prompt comes back.
     */
    private void runInterruptibly(Terminal terminal, String line) {
        boolean page = session.settings().pager() && session.interactive() && !line.startsWith("load ");
        java.io.StringWriter buffer = new java.io.StringWriter();
        java.io.PrintWriter previousOut = page ? session.redirect(new java.io.PrintWriter(buffer)) : null;
        try {
            runWorker(terminal, line);
        } finally {
            if (previousOut != null) {
                session.redirect(previousOut);
                Pager.show(buffer.toString(), terminal, session.out());
            }
        }
    }

    private void runWorker(Terminal terminal, String line) {
        Thread worker = Thread.ofPlatform().name("virtblk-command").unstarted(() -> {
            try {
                commands.execute(line, session);
            } catch (CommandException e) {
                session.out().flush();
                session.err().println(e.getMessage());
            } catch (java.util.concurrent.CancellationException e) {
                session.out().flush();
                session.err().println("cancelled: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                // Commands.execute already turns a command's faults into InternalFailure; this is the last net
                session.out().flush();
                if (Thread.interrupted() | io.virtblk.analyzer.store.Interrupts.causedBy(e)) {
                    session.err().println("cancelled: " + firstWord(line) + " stopped");
                } else {
                    session.err().println(new InternalFailure(firstWord(line), e, CrashLog.record(line, e)).getMessage());
                }
            }
        });
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> worker.interrupt());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    private static String firstWord(String line) {
        String t = line.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /** $VIRTBLK_HISTORY, else ~/.virtblk_shell_history. */
    static java.nio.file.Path historyFile() {
        String env = System.getenv("VIRTBLK_HISTORY");
        return env != null && !env.isBlank() ? java.nio.file.Path.of(env)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".virtblk_shell_history");
    }
}
