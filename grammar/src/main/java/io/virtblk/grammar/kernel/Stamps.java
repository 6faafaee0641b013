package io.virtblk.grammar.kernel;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Turns the stamp texts the lexer matched into times. The lexer has already checked the
 * shape, so this only reads digits at known places; a value out of range (month 13, 25:00)
 * is reported by the caller as a diagnostic.
 */
final class Stamps {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Stamps() {
    }

    static int month(String s, int at) {
        int i = MONTHS.indexOf(s.substring(at, at + 3));
        return i < 0 ? -1 : i / 3 + 1;
    }

    /** {@code Nov 11 04:25:30} or {@code Mar  3 04:25:30.123456}; the year is supplied. */
    static LocalDateTime syslog(String s, int year) {
        int month = month(s, 0);
        int day = s.charAt(4) == ' ' ? digit(s, 5) : s.charAt(5) == ' ' ? digit(s, 4) : num(s, 4, 2);
        int t = s.indexOf(':') - 2;
        return LocalDateTime.of(year, month, day, num(s, t, 2), num(s, t + 3, 2), num(s, t + 6, 2), nanos(s, t + 8));
    }

    /** {@code 2016-12-05T20:31:05-08:00}, {@code 2016-12-05T20:31:05.123456+0000}, {@code ...Z}. */
    static LocalDateTime iso(String s) {
        return LocalDateTime.of(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2), num(s, 11, 2), num(s, 14, 2), num(s, 17, 2), nanos(s, 19));
    }

    static ZoneOffset isoOffset(String s) {
        int i = 19;
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i >= s.length()) {
            return null;
        }
        if (s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        int hh = num(s, i + 1, 2);
        int mm = s.charAt(i + 3) == ':' ? num(s, i + 4, 2) : num(s, i + 3, 2);
        return ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
    }

    /** {@code [Mon Feb 11 19:22:56 2019]} */
    static LocalDateTime ctime(String s) {
        int month = month(s, 5);
        int day = s.charAt(9) == ' ' ? digit(s, 10) : s.charAt(10) == ' ' ? digit(s, 9) : num(s, 9, 2);
        int t = s.indexOf(':') - 2;
        return LocalDateTime.of(num(s, t + 9, 4), month, day, num(s, t, 2), num(s, t + 3, 2), num(s, t + 6, 2));
    }

    /** {@code [ 67315.455932]} (with or without leading blanks) in seconds. */
    static double mono(String s) {
        int open = s.indexOf('[');
        int close = s.indexOf(']', open);
        return Double.parseDouble(s.substring(open + 1, close).strip());
    }

    private static int nanos(String s, int at) {
        if (at >= s.length() || (s.charAt(at) != '.' && s.charAt(at) != ',')) {
            return 0;
        }
        int nanos = 0;
        int digits = 0;
        for (int i = at + 1; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            if (digits < 9) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                digits++;
            }
        }
        while (digits++ < 9) {
            nanos *= 10;
        }
        return nanos;
    }

    private static int digit(String s, int at) {
        return s.charAt(at) - '0';
    }

    private static int num(String s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
