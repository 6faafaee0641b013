package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.command.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The prompt over a dumb terminal on piped streams: input lines in, screen text out. */
class ReplTest {

    private static String sample() {
        return Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString();
    }

    record Screen(int code, String terminal, String out, String err) {
    }

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path home;

    @org.junit.jupiter.api.BeforeAll
    static void temporaryHome() {
        System.setProperty("user.home", home.toString()); // the prompt's history file goes here, not into the real home
    }

    private static Screen type(String input) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = new Session(new PrintWriter(out), new PrintWriter(err, true));
        int code;
        try (DumbTerminal t = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen)) {
            code = new Repl(new Commands(), session).run(t);
        }
        return new Screen(code, screen.toString(StandardCharsets.UTF_8), out.toString(), err.toString());
    }

    @Test
    void aSessionLoadsQueriesSurvivesErrorsAndQuits() throws IOException {
        Screen s = type("load " + sample() + "\nbogus\nevents --type ioctl\nquit\n");
        assertThat(s.code()).isZero();
        assertThat(s.terminal()).contains("virtblk-shell> ");
        assertThat(s.out()).contains("transcript, 110 lines, 56 events");
        assertThat(s.err()).contains("unknown command: bogus");
        // the place column is as wide as the widest (":106"), so every row's type starts in one column
        assertThat(s.out()).contains(":38   ioctl").contains(":106  ioctl");
    }

    @Test
    void endOfInputLeaves() throws IOException {
        Screen s = type("help\n");
        assertThat(s.code()).isZero();
        assertThat(s.out()).contains("load [FORMAT:]FILE...");
    }
}
