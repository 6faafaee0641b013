package io.virtblk.shell;

import io.virtblk.input.Limits;
import io.virtblk.shell.command.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options the shell, {@code check} and {@code triage} share: where indexes live, more report
 * kinds, how much of an input is read; and {@code --} after which every word is a file, even
 * one that starts with a dash.
 */
final class StartOptions {

    /** What every usage line lists. */
    static final String LIST = "--cache DIR, --memory, --reports FILE, --driver FILE, --max-line SIZE, --max-input SIZE, --";

    Path cache = Main.defaultCache();
    final List<Path> reportFiles = new ArrayList<>();
    final List<Path> driverFiles = new ArrayList<>();
    Limits limits = Limits.standard();
    /** True once {@code --} was seen: the rest are files. */
    boolean filesOnly;

    /**
     * Takes the option at {@code args[i]} if it is one of these, with its value; returns the index
     * of the last word used, or -1 when {@code args[i]} is not one of these options.
     *
     * @throws UsageException when the option lacks its value or the value is wrong
     */
    int take(String who, String[] args, int i) {
        String a = args[i];
        switch (a) {
            case "--" -> {
                filesOnly = true;
                return i;
            }
            case "--memory" -> {
                cache = null;
                return i;
            }
            case "--cache" -> {
                cache = Path.of(value(who, args, i, "a folder, e.g. --cache /tmp/virtblk-cache"));
                return i + 1;
            }
            case "--reports" -> {
                reportFiles.add(Path.of(value(who, args, i, "a file of report kinds, e.g. --reports my-kinds.json")));
                return i + 1;
            }
            case "--driver" -> {
                driverFiles.add(Path.of(value(who, args, i, "a driver definition file, e.g. --driver samples/drivers/gateblk.json")));
                return i + 1;
            }
            case "--max-line" -> {
                limits = limits.withMaxLine(size(who, a, value(who, args, i, "a size, e.g. --max-line 16M")));
                return i + 1;
            }
            case "--max-input" -> {
                limits = limits.withMaxInput(size(who, a, value(who, args, i, "a size, e.g. --max-input 64G")));
                return i + 1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** True for the options that take a value (so the word after them is not a subcommand or a file). */
    static boolean takesValue(String option) {
        return switch (option) {
            case "--cache", "--reports", "--driver", "--max-line", "--max-input" -> true;
            default -> false;
        };
    }

    private static String value(String who, String[] args, int i, String what) {
        if (i + 1 >= args.length) {
            throw new UsageException(who + ": " + args[i] + " needs " + what);
        }
        return args[i + 1];
    }

    private static long size(String who, String option, String text) {
        try {
            long v = Limits.parseSize(text);
            if (option.equals("--max-line") && (v < 1024 || v > Integer.MAX_VALUE - 64)) {
                throw new IllegalArgumentException("a line limit is between 1K and 2047M, not " + text);
            }
            if (v < 1) {
                throw new IllegalArgumentException("an input limit is at least 1 byte");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new UsageException(who + ": " + option + ": " + e.getMessage());
        }
    }
}
