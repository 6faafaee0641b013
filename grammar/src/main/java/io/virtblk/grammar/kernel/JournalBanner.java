package io.virtblk.grammar.kernel;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * journalctl's first line, {@code -- Logs begin at Thu 2016-11-10 04:00:01 UTC, end at ... --}
 * (systemd 246 and later: {@code -- Journal begins at ..., ends at ... --}). Its short output
 * stamps lines without a year; this line is the one place the input states it, so it is used
 * before the file's modification time, which says when the file was copied, not when it was logged.
 */
final class JournalBanner {

    private static final Pattern BEGIN = Pattern.compile("^-- (?:Logs begin|Journal begins) at \\w{3} (\\d{4})-\\d{2}-\\d{2} ");

    private JournalBanner() {
    }

    /** The year the journal begins in, when {@code line} is the banner. */
    static OptionalInt beginYear(String line) {
        Matcher m = BEGIN.matcher(line);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
