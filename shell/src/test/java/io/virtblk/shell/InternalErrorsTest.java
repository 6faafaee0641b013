package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, point 3: no command may end the process. A failure injected into a command (a bug of
 * ours, as a null pointer, a stack overflow or an exhausted heap would be) is one line naming the
 * command and the file its stack trace went to; the prompt comes back, batch mode exits 1.
 */
class InternalErrorsTest {

    @TempDir
    static Path dir;

    private static Path crashLog;

    @BeforeAll
    static void crashLogInTemp() {
        crashLog = dir.resolve("errors").resolve("internal-errors.log");
        System.setProperty("virtblk.crashLog", crashLog.toString());
        System.setProperty("user.home", dir.toString()); // the prompt's history file goes here
    }

    @AfterAll
    static void restore() {
        System.clearProperty("virtblk.crashLog");
    }

    /** A command that fails as a bug would: the failure is made when it runs. */
    private record Failing(Supplier<Throwable> failure) implements Command {
        public String name() {
            return "boom";
        }

        public String synopsis() {
            return "boom";
        }

        public String summary() {
            return "fails";
        }

        public void run(List<String> args, Session session) {
            session.out().println("partial output before the fault");
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) t;
        }
    }

    private static Supplier<Throwable> failure(String kind) {
        return switch (kind) {
            case "npe" -> () -> new NullPointerException("injected");
            case "overflow" -> () -> {
                try {
                    recurse(0);
                } catch (StackOverflowError e) {
                    return e;
                }
                throw new AssertionError("no overflow");
            };
            case "oom" -> () -> new OutOfMemoryError("injected: Java heap space");
            case "assert" -> () -> new AssertionError("injected");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    private static String sample() {
        return Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"npe", "overflow", "oom", "assert"})
    void atThePromptTheFailureIsOneLineAndTheSessionGoesOn(String kind) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = new Session(new PrintWriter(out), new PrintWriter(err, true));
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String input = "load " + sample() + "\nboom\ncount type:ioctl\nquit\n";
        int code;
        try (DumbTerminal t = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen)) {
            code = new Repl(new Commands().with(new Failing(failure(kind))), session).run(t);
        }
        assertThat(code).isZero();
        assertThat(err.toString()).contains("internal error in boom: java.lang.").contains("stack trace in " + crashLog)
                .contains("the session goes on").doesNotContain("\tat ");
        assertThat(out.toString()).contains("partial output before the fault").endsWith("4\n"); // the next command answered
        assertThat(Files.readString(crashLog)).contains("command: boom").contains("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"npe", "overflow", "oom"})
    void inBatchModeTheFailureExitsOneWithTheSameLine(String kind) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--memory", "-c", "boom", "-c", "count *:*"}, new PrintWriter(out), new PrintWriter(err, true),
                new Commands().with(new Failing(failure(kind))));
        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString()).startsWith("internal error in boom: ").contains("stack trace in " + crashLog).doesNotContain("\tat ");
        assertThat(out.toString()).contains("partial output before the fault");
    }

    @ParameterizedTest
    @ValueSource(strings = {"npe", "oom"})
    void aScriptStopsAtTheFailureWithExitOne(String kind) throws IOException {
        Path script = Files.writeString(dir.resolve("cmds-" + kind), "boom\ncount *:*\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--memory", "--script", script.toString()}, new PrintWriter(out), new PrintWriter(err, true),
                new Commands().with(new Failing(failure(kind))));
        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("internal error in boom: ");
    }
}
