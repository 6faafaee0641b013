package io.virtblk.shell;

import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.InternalFailure;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code virtblk-shell [-c CMD]... [FILE...]}.
 *
 * <p>With {@code -c}: loads the files, runs the commands in order without a prompt and exits
 * 0 when all succeeded, 1 when one failed (its message on stderr), 2 on a usage error.
 * Without: loads the files and opens the prompt.
 */
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {
    }

    /**
     * Lucene says at first use that the Vector API is not enabled; the store does not use vectors,
     * so the warning is noise on a user's terminal. Kept in a field so the setting is not collected.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS = java.util.logging.Logger.getLogger(
            "org.apache.lucene.internal.vectorization.VectorizationProvider");

    public static void main(String[] args) {
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        System.exit(code);
    }

    /** Where the {@code check}, {@code triage} or {@code capture} subcommand stands: the first word that is not an option or an option's value, or -1. */
    private static int checkPosition(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--script", "-c", "--command" -> i++;
                case "check", "triage", "capture" -> {
                    return i;
                }
                case "--" -> {
                    return -1;
                }
                default -> {
                    if (StartOptions.takesValue(args[i])) {
                        i++;
                    } else if (!args[i].startsWith("-")) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    /** Exit code of {@code check} when a run stalled or the kernel reported a hang or stall. */
    public static final int STALLED = 3;
    /** Exit code of {@code check} when the kernel reported any other bug (a crash, a warning, lockdep, a sanitizer) and nothing stalled. */
    public static final int KERNEL_BUG = 4;

    /** Runs as the command line says; returns the exit code. Never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new Commands());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)} with a given command table (tests inject failing commands). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Commands table) {
        io.virtblk.grammar.report.ReportRules.prepare();
        int check = checkPosition(args);
        if (check >= 0) {
            List<String> rest = new ArrayList<>(java.util.Arrays.asList(args));
            String which = rest.remove(check);
            if (which.equals("capture")) {
                out.flush();
                return io.virtblk.shell.capture.Capture.run(rest.toArray(String[]::new), err, interactiveConsole());
            }
            return Check.run(which, rest.toArray(String[]::new), out, err);
        }
        List<String> commands = new ArrayList<>();
        List<String> files = new ArrayList<>();
        StartOptions options = new StartOptions();
        java.nio.file.Path script = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (options.filesOnly) {
                    files.add(a);
                    continue;
                }
                int used = options.take("virtblk-shell", args, i);
                if (used >= 0) {
                    i = used;
                    continue;
                }
                switch (a) {
                    case "--script" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("virtblk-shell: --script needs a file of commands");
                        }
                        script = java.nio.file.Path.of(args[++i]);
                    }
                    case "-c", "--command" -> {
                        if (i + 1 >= args.length) {
                            throw new UsageException("virtblk-shell: -c needs a command, e.g. -c \"load samples/000_session.txt\"");
                        }
                        commands.add(args[++i]);
                    }
                    case "-h", "--help" -> {
                        out.println(usage());
                        out.flush();
                        return OK;
                    }
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new UsageException("virtblk-shell: unknown option: " + a + "; use one of: -c CMD, --script FILE, "
                                    + StartOptions.LIST + ", --help (a file whose name starts with '-' goes after --)\n" + usage());
                        }
                        files.add(a);
                    }
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        java.nio.file.Path cache = options.cache;
        List<java.nio.file.Path> reportFiles = options.reportFiles;
        io.virtblk.grammar.report.ReportRules reports;
        io.virtblk.grammar.driver.DriverLines drivers;
        try {
            reports = ReportTables.load(reportFiles, err);
            drivers = DriverTables.load(options.driverFiles, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try (Session session = new Session(cache, reports, options.limits, drivers, out, err)) {
            if (!files.isEmpty()) {
                table.execute("load -- " + String.join(" ", files.stream().map(Main::quote).toList()), session);
            }
            if (script != null) {
                SourceCommand.runScript(script, table, session);
            }
            if (commands.isEmpty() && script == null) {
                if (System.getenv("VIRTBLK_TRAIN_PROMPT") != null) {
                    // the launcher's start-up training run: drive the real prompt on a dumb terminal
                    try (var t = new org.jline.terminal.impl.DumbTerminal(System.in, System.out)) {
                        return new Repl(table, session).run(t);
                    }
                }
                if (!interactiveConsole()) {
                    // piped commands: run them like a script, with the same exit codes
                    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        String t = line.strip();
                        if (t.equals("quit") || t.equals("exit")) {
                            break;
                        }
                        if (!t.isEmpty() && !t.startsWith("#")) {
                            table.execute(t, session);
                        }
                    }
                    return OK;
                }
                return new Repl(table, session).run();
            }
            for (String c : commands) {
                table.execute(c, session);
            }
            return OK;
        } catch (UsageException e) {
            out.flush();
            err.println(e.getMessage());
            return USAGE;
        } catch (CommandException e) {
            out.flush();
            err.println(e.getMessage());
            return FAILED;
        } catch (java.io.IOException e) {
            out.flush();
            err.println("virtblk-shell: reading commands: " + e.getMessage());
            return FAILED;
        } catch (java.util.concurrent.CancellationException e) {
            out.flush();
            err.println("cancelled: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError | LinkageError e) {
            out.flush();
            err.println(new InternalFailure("virtblk-shell", e, CrashLog.record(String.join(" ", args), e)).getMessage());
            return FAILED;
        } finally {
            out.flush();
        }
    }

    /**
     * True when a person is at a terminal. Since JDK 22 {@code System.console()} is not null for
     * redirected streams; {@code Console.isTerminal()} tells, and is asked by name so the code
     * still compiles for Java 21, where a null console already means "not a terminal".
     */
    static boolean interactiveConsole() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** $VIRTBLK_CACHE, else $XDG_CACHE_HOME/virtblk-shell, else ~/.cache/virtblk-shell. */
    static java.nio.file.Path defaultCache() {
        String env = System.getenv("VIRTBLK_CACHE");
        if (env != null && !env.isBlank()) {
            return java.nio.file.Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        java.nio.file.Path base = xdg != null && !xdg.isBlank() ? java.nio.file.Path.of(xdg)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("virtblk-shell");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String usage() {
        return """
                usage: virtblk-shell [OPTIONS] [FILE...]                 load the files and open the prompt
                       virtblk-shell check [--json] [OPTIONS] FILE...        diagnose without the shell: exit 0 nothing wrong,
                                                                             3 a run stalled or the kernel reported a hang/stall,
                                                                             4 the kernel reported another bug (crash, warning,
                                                                             lockdep, sanitizer), 1 unreadable input, 2 usage;
                                                                             a summary and the runs that did not complete
                                                                             (--verbose: every run)
                       virtblk-shell triage [--json] [OPTIONS] FILE...       the kernel's reports, titled as syzkaller titles them
                       virtblk-shell capture [--device DEV]... [--out DIR] [--hung-task-timeout S] [--events LIST] -- COMMAND [ARGS...]
                                                                             as root: record the block trace, the kernel log and
                                                                             COMMAND's output on one clock into DIR (a bundle that
                                                                             load DIR and check DIR read as one case); exit status
                                                                             COMMAND's, 1 when the capture failed, 2 usage
                       virtblk-shell [OPTIONS] -c CMD [-c CMD...] [FILE...]  load the files, run the commands, exit
                       virtblk-shell [OPTIONS] --script FILE [FILE...]       run the commands of FILE, exit
                       COMMANDS | virtblk-shell [OPTIONS] [FILE...]          commands from standard input, exit
                options: --cache DIR  keep indexes in DIR (default $VIRTBLK_CACHE or ~/.cache/virtblk-shell)
                         --memory     keep indexes in memory only
                         --reports FILE  more kernel report kinds (also every *.json in ~/.config/virtblk-shell/reports/)
                         --driver FILE   a driver defined by a file (also every *.json in ~/.config/virtblk-shell/drivers/)
                         --max-line SIZE   cut longer lines (default 4M); --max-input SIZE  stop reading an input there (default 32G)
                         --           the rest are files, even a name starting with '-'
                FILE may be a pipe, a FIFO, /dev/stdin or <(command): it is read once
                exit codes with -c: 0 all commands succeeded, 1 a command failed, 2 usage error
                inside the shell, type 'help' for the commands""";
    }
}
