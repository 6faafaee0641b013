package io.virtblk.replay.repro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fio job file built from values that came from a log, which an attacker (or a damaged file)
 * may have written: a job name or an option value with a newline in it would add lines of its own
 * to the file — {@code exec_prerun=}, {@code filename=} — and fio would run them. So nothing is
 * copied in as it came: section names must be of a safe character set, every option must be one
 * this writer knows with a value fio accepts for it (an allow-list, or a number in range), and
 * comments lose their control characters. Anything else is refused with the value, where it came
 * from, and what would have been accepted.
 */
public final class JobFile {

    /** A value from the log was not written: what, where it came from, why. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Set<String> RW = Set.of("read", "write", "randread", "randwrite", "rw", "readwrite", "randrw", "trim", "randtrim",
            "trimwrite", "randtrimwrite");
    private static final Set<String> ENGINES = Set.of("sync", "psync", "vsync", "pvsync", "pvsync2", "libaio", "io_uring", "posixaio", "mmap",
            "null", "sg", "splice");
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,12}[kKmMgG]?[iI]?[bB]?");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9_./-]{1,64}");

    /** The options this writer knows, with what each accepts. */
    private static final Map<String, String> KNOWN = Map.of(
            "filename", "a /dev path of letters, digits, '_', '.', '-' and '/'",
            "direct", "0 or 1",
            "bs", "a size such as 4k",
            "size", "a size such as 32m",
            "ioengine", "one of " + String.join(", ", new java.util.TreeSet<>(ENGINES)),
            "iodepth", "a number from 1 to 65536",
            "rw", "one of " + String.join(", ", new java.util.TreeSet<>(RW)));

    private final StringBuilder text = new StringBuilder();
    private final List<String> sections = new ArrayList<>();

    /** A comment line: control characters (a newline that would end it) become visible. */
    public JobFile comment(String comment) {
        text.append("# ").append(visible(comment)).append('\n');
        return this;
    }

    /** A {@code [name]} section with its options in order; {@code from} says where the values came from, for the refusal. */
    public JobFile section(String name, Map<String, String> options, String from) {
        if (!name.equals("global") && !NAME.matcher(name).matches()) {
            throw new Refused("the job name " + shown(name) + " (" + from + ") is not written into a job file: a name is 1 to 64 letters,"
                    + " digits, '_', '.', '+' or '-'");
        }
        if (sections.contains(name)) {
            throw new Refused("the job name " + shown(name) + " (" + from + ") comes twice: fio would merge the two jobs");
        }
        sections.add(name);
        text.append('[').append(name).append("]\n");
        for (var o : options.entrySet()) {
            check(o.getKey(), o.getValue(), from);
            text.append(o.getKey()).append('=').append(o.getValue()).append('\n');
        }
        return this;
    }

    /** A blank line or a comment between sections, as written (fixed text of ours only). */
    public JobFile line(String fixed) {
        text.append(fixed).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static void check(String key, String value, String from) {
        String accepts = KNOWN.get(key);
        if (accepts == null) {
            throw new Refused("the option " + shown(key) + " (" + from + ") is not one this writer knows; it writes only "
                    + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())));
        }
        boolean ok = switch (key) {
            case "filename" -> DEVICE.matcher(value).matches() && !value.contains("..");
            case "direct" -> value.equals("0") || value.equals("1");
            case "bs", "size" -> SIZE.matcher(value).matches();
            case "ioengine" -> ENGINES.contains(value);
            case "iodepth" -> value.matches("[0-9]{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65536;
            case "rw" -> RW.contains(value);
            default -> false;
        };
        if (!ok) {
            throw new Refused("the value " + shown(value) + " of " + key + " (" + from + ") is not written into a job file: " + key
                    + " takes " + accepts);
        }
    }

    /** A value as a message shows it: quoted, control characters visible, cut at 60 characters. */
    static String shown(String value) {
        String v = visible(value);
        return "'" + (v.length() > 60 ? v.substring(0, 60) + "..." : v) + "'";
    }

    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The options of one job, in the order written. */
    public static Map<String, String> options() {
        return new LinkedHashMap<>();
    }
}
