package io.virtblk.shell;

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

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        System.exit(code);
    }

    /** Runs as the command line says; returns the exit code. Never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> commands = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-c", "--command" -> {
                    if (i + 1 >= args.length) {
                        err.println("virtblk-shell: -c needs a command, e.g. -c \"load samples/000_session.txt\"");
                        return USAGE;
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
                        err.println("virtblk-shell: unknown option: " + a + "; use one of: -c CMD, --help");
                        err.println(usage());
                        return USAGE;
                    }
                    files.add(a);
                }
            }
        }
        Session session = new Session(out, err);
        Commands table = new Commands();
        try {
            if (!files.isEmpty()) {
                table.execute("load " + String.join(" ", files.stream().map(Main::quote).toList()), session);
            }
            if (commands.isEmpty()) {
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
        } catch (RuntimeException e) {
            out.flush();
            err.println("virtblk-shell: internal error: " + e + " (please report it with the input that caused it)");
            return FAILED;
        } finally {
            out.flush();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String usage() {
        return """
                usage: virtblk-shell [FILE...]                 load the files and open the prompt
                       virtblk-shell -c CMD [-c CMD...] [FILE...]  load the files, run the commands, exit
                exit codes with -c: 0 all commands succeeded, 1 a command failed, 2 usage error
                inside the shell, type 'help' for the commands""";
    }
}
