package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.command.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions typed into the real line reader over a terminal on piped streams: what a user types,
 * what the shell answers. Completion is asked of the completer the prompt uses.
 */
class ScriptedSessionTest {

    @TempDir
    Path dir;

    private static String sample() {
        return BatchModeTest.sample();
    }

    record Screen(String screen, String out, String err) {
    }

    private Screen type(String input, java.util.function.Consumer<Terminal> during) throws Exception {
        return type(null, input, null, during);
    }

    /**
     * Types {@code input} at a prompt over a session with {@code cache} (null: in memory);
     * {@code setUp} sees the session and terminal before the first key, {@code during} after the input.
     */
    private Screen type(Path cache, String input, java.util.function.BiConsumer<Session, Terminal> setUp,
                        java.util.function.Consumer<Terminal> during) throws Exception {
        return type(cache, new StringWriter(), input, setUp, during);
    }

    /** As above, the commands' output written to {@code out} as it comes (a test may watch it). */
    private Screen type(Path cache, StringWriter out, String input, java.util.function.BiConsumer<Session, Terminal> setUp,
                        java.util.function.Consumer<Terminal> during) throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Session session = new Session(cache, new PrintWriter(out), new PrintWriter(err, true));
        try (DumbTerminal t = new DumbTerminal(in, screen)) {
            if (setUp != null) {
                setUp.accept(session, t);
            }
            Thread repl = Thread.ofPlatform().start(() -> new Repl(new Commands(), session).run(t));
            keys.write(input.getBytes(StandardCharsets.UTF_8));
            keys.flush();
            if (during != null) {
                during.accept(t);
            }
            keys.write("quit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            repl.join(60_000);
            assertThat(repl.isAlive()).as("the prompt ended on quit").isFalse();
        }
        return new Screen(screen.toString(StandardCharsets.UTF_8), out.toString(), err.toString());
    }

    @Test
    void loadQueryReplayTimelineAndAnUnknownCommand() throws Exception {
        System.setProperty("user.home", dir.toString()); // the history file goes to a temporary home
        Screen s = type("load " + sample() + "\nquery type:ioctl AND ioctl.name:BLKFLSBUF\nreplay 3\ntimeline 3\nfrobnicate\nsessions 3\n", null);
        assertThat(s.screen()).contains("virtblk-shell> ");
        assertThat(s.out()).contains("transcript, 110 lines, 56 events");
        assertThat(s.out()).contains(":104  ioctl").contains(":106  ioctl");
        assertThat(s.out()).contains("run 3 ($ sudo fio virtblkiofio-02-both.fio): STALLED").contains("stall point: " + sample() + ":106");
        assertThat(s.out()).contains("run 3 STALLED").contains("X").contains("legend:");
        assertThat(s.err()).contains("unknown command: frobnicate");
        assertThat(s.out()).contains("never released");
        assertThat(Files.readString(dir.resolve(".virtblk_shell_history"))).contains("timeline 3");
    }

    @Test
    void completionOfACommandAnOptionAFieldAValueAndAFile() throws Exception {
        Session session = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new Commands().execute("load " + sample(), session);
        ShellCompleter completer = new ShellCompleter(new Commands(), session);
        assertThat(complete(completer, "cou")).contains("count");
        assertThat(complete(completer, "replay --mo")).contains("--model");
        assertThat(complete(completer, "replay --model ")).contains("virtblkiosim", "virtblkiosim-fixed");
        assertThat(complete(completer, "query ioctl.na")).contains("ioctl.name:");
        assertThat(complete(completer, "query ioctl.name:BL")).containsExactly("ioctl.name:BLKFLSBUF");
        assertThat(complete(completer, "query type:en")).containsExactly("type:engage");
        assertThat(complete(completer, "stats * --by ")).contains("type", "ioctl.name");
        Files.writeString(dir.resolve("kern-a.log"), "x\n");
        assertThat(complete(completer, "load " + dir + "/kern-")).anySatisfy(c -> assertThat(c).endsWith("kern-a.log"));
    }

    /**
     * Issue 14, point 13: a completed value runs. Values of every keyword field are completed from a
     * few typed characters, escaped or (after a typed quote) quoted, and the completed query finds
     * the events the value came from: a subsystem like {@code usb 1-1}, a source path with '/',
     * '=' and parentheses.
     */
    @Test
    void everyCompletedValueRunsAsAQuery() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("odd dir"));
        Path log = Files.writeString(odd.resolve("kern=1 (copy).log"), "Nov 11 04:25:30 vm kernel: [1.000000] usb 1-1: new device\n"
                + "Nov 11 04:25:31 vm kernel: [2.000000] EXT4-fs (sda1): mounted filesystem\n");
        Session session = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Commands commands = new Commands();
        commands.execute("load " + sample(), session);
        commands.execute("load '" + log + "'", session);
        ShellCompleter completer = new ShellCompleter(commands, session);
        int checked = 0;
        for (io.virtblk.analyzer.store.Schema.Field f : io.virtblk.analyzer.store.Schema.all()) {
            if (f.kind() != io.virtblk.analyzer.store.FieldKind.KEYWORD) {
                continue;
            }
            for (String v : session.store().values(f.name(), "", 50)) {
                for (boolean quoted : new boolean[] {false, true}) {
                    String whole = quoted ? io.virtblk.analyzer.store.EventQueries.quote(v) : io.virtblk.analyzer.store.EventQueries.escape(v);
                    String typed = f.name() + ":" + whole.substring(0, Math.min(whole.length(), quoted ? 3 : 2));
                    assertThat(complete(completer, "count " + typed)).as("completing %s", typed).contains(f.name() + ":" + whole);
                    StringWriter out = new StringWriter();
                    Session answer = session;
                    java.io.PrintWriter before = answer.redirect(new PrintWriter(out));
                    try {
                        commands.execute("count " + f.name() + ":" + whole, answer);
                    } finally {
                        answer.redirect(before);
                    }
                    assertThat(Long.parseLong(out.toString().strip())).as("count %s:%s", f.name(), whole).isPositive();
                    checked++;
                }
            }
        }
        assertThat(checked).as("values completed and run").isGreaterThan(40);
    }

    /** The candidates the prompt's completer offers for {@code line}, cursor at its end. */
    static List<String> complete(ShellCompleter completer, String line) throws IOException {
        try (DumbTerminal t = new DumbTerminal(new java.io.ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(t).build();
            List<Candidate> out = new ArrayList<>();
            completer.complete(reader, new DefaultParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE), out);
            return out.stream().map(Candidate::value).toList();
        }
    }

    /** Where in a load Ctrl-C is pressed: while the file is parsed, or once it is, as Lucene flushes and commits the index. */
    enum Moment {
        WHILE_PARSING, AS_THE_INDEX_IS_COMMITTED;

        boolean now(long bytes, long total) {
            return this == WHILE_PARSING ? bytes > 0 && bytes < total : bytes == total;
        }
    }

    /**
     * Ctrl-C is pressed from inside the load, at a point the load reports, so where it lands does not
     * depend on how fast this machine is. Landing in Lucene's commit once escaped as an "internal
     * error: ThreadInterruptedException"; wherever it lands it is a cancellation, the sample loaded
     * before stays, nothing of the big log does, and loading it again works.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Moment.class)
    void ctrlCDuringALongLoadCancelsItAndKeepsWhatWasLoaded(Moment moment) throws Exception {
        System.setProperty("user.home", dir.toString());
        Path big = dir.resolve("big.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("Nov 11 04:25:30 vm kernel: [").append(67315 + i / 1000).append('.').append(String.format("%06d", i % 1000))
                    .append("] usb 1-1: line ").append(i).append(" of a long log\n");
        }
        Files.writeString(big, sb.toString());
        long bigSize = Files.size(big);
        java.util.concurrent.atomic.AtomicInteger pressed = new java.util.concurrent.atomic.AtomicInteger();
        Screen s = type(dir.resolve("cache"), "load " + sample() + "\nload " + big + "\ncount *\nload " + big + "\ncount *\n", (session, t) ->
                session.watchLoads((bytes, total, events) -> {
                    if (total == bigSize && moment.now(bytes, total) && pressed.compareAndSet(0, 1)) {
                        t.raise(Terminal.Signal.INT); // what jline does when the user presses Ctrl-C
                    }
                }), null);
        assertThat(pressed.get()).as("Ctrl-C was pressed during the big load").isEqualTo(1);
        assertThat(s.err()).contains("cancelled: load of " + big + " cancelled; what was loaded before stays loaded")
                .doesNotContain("internal error");
        String[] answers = s.out().split("\n");
        assertThat(s.out()).contains("transcript, 110 lines");
        assertThat(java.util.Arrays.stream(answers).filter(l -> l.matches("\\d+")).toList())
                .as("count * after the cancelled load, then after loading it again").containsExactly("56", String.valueOf(56 + 100_000));
        assertThat(s.out()).containsOnlyOnce(big + ": kernel, 100000 lines");
    }

    /**
     * Issue 14, point 2: Ctrl-C stops a command that prints for long ({@code replay --step} on a
     * big log printed on for 12 s). Ctrl-C is pressed from the output itself, after the 500th step
     * line, so where it lands does not depend on this machine's speed; at most the line being
     * written follows, the command says it was cancelled, and the session answers the next one.
     */
    @Test
    void ctrlCStopsACommandThatPrintsForLong() throws Exception {
        System.setProperty("user.home", dir.toString());
        Path log = dir.resolve("many-sessions.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            for (String what : new String[] {"engage", "release"}) {
                int ms = i / 10; // ten sessions a millisecond, the wall clock and the kernel's agreeing
                sb.append(String.format("Nov 11 04:45:%02d vm kernel: [%d.%06d] virtblkiosim: Device %s: private_data: virtblkiosim%n",
                        30 + ms / 1000, 60000 + ms / 1000, (ms % 1000) * 1000 + (what.equals("engage") ? 100 : 200), what));
            }
        }
        Files.writeString(log, sb.toString());
        java.util.concurrent.atomic.AtomicReference<Terminal> terminal = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger stepLines = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean replaying = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger afterCtrlC = new java.util.concurrent.atomic.AtomicInteger(-1);
        StringWriter out = new StringWriter() {
            @Override
            public void write(char[] buf, int off, int len) {
                super.write(buf, off, len);
                String written = new String(buf, off, len);
                if (!replaying.get()) {
                    replaying.set(getBuffer().indexOf("run 1 on virtblkiosim:\n") >= 0);
                } else if (replaying.get() && written.contains("\n")) { // one step line ends (printf writes a line in pieces)
                    int n = stepLines.incrementAndGet();
                    if (n == 500) {
                        terminal.get().raise(Terminal.Signal.INT); // what jline does when the user presses Ctrl-C
                        afterCtrlC.set(0);
                    } else if (n > 500) {
                        afterCtrlC.incrementAndGet();
                    }
                }
            }
        };
        Screen s = type(null, out, "load " + log + "\nreplay --step\ncount type:engage\n", (session, t) -> terminal.set(t), null);
        assertThat(afterCtrlC.get()).as("Ctrl-C was pressed during the replay; err %s, out %s", s.err(),
                s.out().substring(0, Math.min(2000, s.out().length()))).isGreaterThanOrEqualTo(0);
        assertThat(afterCtrlC.get()).as("step lines printed after Ctrl-C (of 40,000)").isLessThanOrEqualTo(1);
        assertThat(s.err()).contains("cancelled: replay stopped").doesNotContain("internal error");
        assertThat(s.out()).endsWith("20000\n"); // the next command answered
    }
}
