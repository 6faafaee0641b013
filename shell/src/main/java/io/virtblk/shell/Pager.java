package io.virtblk.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;

/**
 * Long output at the prompt: what fits the terminal is printed; what does not goes through
 * {@code less -FRX} (quits at the end, keeps colours, leaves the text on screen). Without
 * {@code less} it is printed as it is.
 */
final class Pager {

    private Pager() {
    }

    static void show(String text, Terminal terminal, PrintWriter out) {
        long lines = text.lines().count();
        if (text.isEmpty()) {
            return;
        }
        if (lines < Math.max(10, terminal.getHeight() - 2)) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Process less = new ProcessBuilder("less", "-FRX").redirectOutput(ProcessBuilder.Redirect.INHERIT)
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
}
