package io.virtblk.grammar.kernel;

import io.virtblk.event.KernelFormat;
import io.virtblk.event.KernelPrefix;
import java.time.LocalDateTime;

/**
 * The cheap classifier in front of {@link KernelLineGrammar}: splits the two shapes that make up
 * nearly every line of a big log, rsyslog's {@code Nov 11 04:25:30 host kernel: [67315.455932] msg}
 * and dmesg's {@code [67315.455932] msg}, by reading characters at known places. Anything it is
 * not certain of (a fraction on the clock, a facility, a caller id, a malformed stamp) it leaves
 * to the grammar by returning null. {@code FastPrefixAgreesWithGrammarTest} holds it to giving
 * exactly what the grammar gives on every line it accepts.
 */
final class FastPrefix {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    // Consecutive lines mostly share their second, host and tag: keep the last ones rather than
    // building equal objects a million times.
    private String lastStamp = "";
    private int lastYear;
    private LocalDateTime lastWall;
    private String lastHost = "";
    private String lastTag = "";

    ParsedLine parse(String s, int year) {
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (c == '[') {
            return dmesg(s);
        }
        if (c >= 'A' && c <= 'S') {
            return syslog(s, year);
        }
        return null;
    }

    private ParsedLine dmesg(String s) {
        int end = mono(s, 0);
        if (end < 0 || (end < s.length() && s.charAt(end) == '[')) {
            return null;
        }
        KernelPrefix p = new KernelPrefix(KernelFormat.DMESG, null, null, monoValue(s, 0, end), null, null, null, null);
        return message(s, end, p);
    }

    private ParsedLine syslog(String s, int year) {
        // "Nov 11 04:25:30 " or "Mar  3 04:25:30 "
        if (s.length() < 16 || s.charAt(3) != ' ') {
            return null;
        }
        int m = month(s);
        if (m < 0) {
            return null;
        }
        int day;
        int t;
        char d1 = s.charAt(4);
        char d2 = s.charAt(5);
        if (d1 == ' ' && digit(d2) && s.charAt(6) == ' ') {
            day = d2 - '0';
            t = 7;
        } else if (digit(d1) && digit(d2) && s.charAt(6) == ' ') {
            day = (d1 - '0') * 10 + (d2 - '0');
            t = 7;
        } else if (digit(d1) && d2 == ' ') {
            day = d1 - '0';
            t = 6;
        } else {
            return null;
        }
        if (s.length() < t + 9 || !clock(s, t) || s.charAt(t + 8) != ' ') {
            return null;
        }
        int hostStart = t + 9;
        while (hostStart < s.length() && s.charAt(hostStart) == ' ') {
            hostStart++;
        }
        int hostEnd = s.indexOf(' ', hostStart);
        if (hostEnd <= hostStart) {
            return null;
        }
        int tagStart = hostEnd + 1;
        int i = tagStart;
        while (i < s.length() && tagChar(s.charAt(i))) {
            i++;
        }
        if (i == tagStart || i >= s.length()) {
            return null;
        }
        int tagEnd = i;
        if (s.charAt(i) == '[') {
            int j = i + 1;
            while (j < s.length() && digit(s.charAt(j))) {
                j++;
            }
            if (j == i + 1 || j >= s.length() || s.charAt(j) != ']') {
                return null;
            }
            i = j + 1;
        }
        if (i >= s.length() || s.charAt(i) != ':') {
            return null;
        }
        int afterTag = i + 1;
        LocalDateTime wall;
        if (year == lastYear && lastWall != null && s.regionMatches(0, lastStamp, 0, t + 8) && lastStamp.length() == t + 8) {
            wall = lastWall;
        } else {
            try {
                wall = LocalDateTime.of(year, m, day, two(s, t), two(s, t + 3), two(s, t + 6));
            } catch (java.time.DateTimeException e) {
                return null;
            }
            lastWall = wall;
            lastYear = year;
            lastStamp = s.substring(0, t + 8);
        }
        String host = same(s, hostStart, hostEnd, lastHost);
        lastHost = host;
        String tag = same(s, tagStart, tagEnd, lastTag);
        lastTag = tag;
        int k = afterTag;
        while (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        if (k < s.length() && s.charAt(k) == '[') {
            int end = mono(s, k);
            if (end > 0) {
                if (end < s.length() && s.charAt(end) == '[') {
                    return null;
                }
                return message(s, end, new KernelPrefix(KernelFormat.SYSLOG, wall, null, monoValue(s, k, end), host, tag, null, null));
            }
        }
        return message(s, afterTag, new KernelPrefix(KernelFormat.SYSLOG, wall, null, null, host, tag, null, null));
    }

    /** The message after the prefix ending at {@code at}, less the one blank between them. */
    private static ParsedLine message(String s, int at, KernelPrefix p) {
        if (at >= s.length()) {
            return ParsedLine.ok(p, "", s.length());
        }
        int start = s.charAt(at) == ' ' ? at + 1 : at;
        return ParsedLine.ok(p, s.substring(start), start);
    }

    /** End (exclusive) of a {@code [ 123.456]} stamp starting at {@code at}, or -1. */
    private static int mono(String s, int at) {
        int i = at + 1;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int digits = i;
        while (i < s.length() && digit(s.charAt(i))) {
            i++;
        }
        if (i == digits || i >= s.length() || s.charAt(i) != '.') {
            return -1;
        }
        int frac = ++i;
        while (i < s.length() && digit(s.charAt(i))) {
            i++;
        }
        if (i == frac || i >= s.length() || s.charAt(i) != ']') {
            return -1;
        }
        return i + 1;
    }

    /**
     * The stamp's seconds, equal to {@code Double.parseDouble} of its text: numerator and power of
     * ten are both exact doubles, so one division rounds once, correctly, as parsing does.
     */
    private static double monoValue(String s, int from, int to) {
        long digits = 0;
        int fraction = -1;
        int count = 0;
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                fraction = 0;
            } else if (c != ' ') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            }
        }
        if (count > 15 || fraction >= POW10.length) {
            int i = from + 1;
            while (s.charAt(i) == ' ') {
                i++;
            }
            return Double.parseDouble(s.substring(i, to - 1));
        }
        return digits / POW10[fraction];
    }

    /** {@code s[from, to)} as a string, reusing {@code last} when it is the same text. */
    private static String same(String s, int from, int to, String last) {
        return last.length() == to - from && s.regionMatches(from, last, 0, to - from) ? last : s.substring(from, to);
    }

    private static int month(String s) {
        for (int i = 0; i < MONTHS.length(); i += 3) {
            if (s.charAt(0) == MONTHS.charAt(i) && s.charAt(1) == MONTHS.charAt(i + 1) && s.charAt(2) == MONTHS.charAt(i + 2)) {
                return i / 3 + 1;
            }
        }
        return -1;
    }

    private static boolean clock(String s, int t) {
        return digit(s.charAt(t)) && digit(s.charAt(t + 1)) && s.charAt(t + 2) == ':' && digit(s.charAt(t + 3))
                && digit(s.charAt(t + 4)) && s.charAt(t + 5) == ':' && digit(s.charAt(t + 6)) && digit(s.charAt(t + 7));
    }

    private static boolean tagChar(char c) {
        return c != ' ' && c != ':' && c != '[' && c != '\r' && c != '\n' && c != '.';
    }

    private static int two(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
