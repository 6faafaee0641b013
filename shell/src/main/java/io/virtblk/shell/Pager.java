package io.virtblk.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;

/**
 * Long output at the prompt: what fits the terminal is printed; what does not goes through
 * {@code less -FRXK} (quits at the end, keeps colours, leaves the text on screen, Ctrl-C quits
 * it). Without {@code less} it is printed as it is. Ctrl-C while paging reaches the shell too;
 * {@link Repl} makes that a no-op there, so it ends the paging only.
 */
final class Pager {

    private Pager() {
    }

    static void show(String text, Terminal terminal, PrintWriter out) {
        if (text.isEmpty()) {
            return;
        }
        if (rows(text, terminal.getWidth()) < Math.max(10, terminal.getHeight() - 2)) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            // -K: Ctrl-C ends the paging (less gets the signal with us, as the terminal's foreground group)
            Process less = new ProcessBuilder("less", "-FRXK").redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            terminal.pause();
            try (OutputStream in = less.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the user quit less before reading it all
            }
            less.waitFor();
            terminal.resume();
        } catch (IOException e) {
            out.print(text);
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The screen rows {@code text} takes on a terminal {@code width} columns wide: a line longer
     * than the terminal wraps onto several, and twenty 500-character log lines fill a screen.
     * Colour sequences take no column.
     */
    static long rows(String text, int width) {
        if (width <= 0) {
            return text.lines().count();
        }
        return text.lines().mapToLong(l -> {
            int columns = org.jline.utils.AttributedString.fromAnsi(l).columnLength();
            return Math.max(1, (columns + width - 1) / width);
        }).sum();
    }
}
