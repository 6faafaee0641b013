package io.virtblk.shell;

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

    int run() {
        try (Terminal terminal = TerminalBuilder.builder().name("virtblk-shell").build()) {
            return run(terminal);
        } catch (IOException e) {
            session.err().println("virtblk-shell: cannot open the terminal: " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** The loop on a given terminal; tests hand it a {@code DumbTerminal} over piped streams. */
    int run(Terminal terminal) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("virtblk-shell").build();
        {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return Main.OK;
                }
                String t = line.strip();
                if (t.equals("quit") || t.equals("exit")) {
                    return Main.OK;
                }
                try {
                    commands.execute(t, session);
                } catch (CommandException e) {
                    session.out().flush();
                    session.err().println(e.getMessage());
                } catch (RuntimeException e) {
                    session.out().flush();
                    session.err().println("internal error: " + e + " (the session goes on; please report it)");
                }
                session.out().flush();
            }
        }
    }
}
