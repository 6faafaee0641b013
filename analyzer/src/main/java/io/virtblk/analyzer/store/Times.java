package io.virtblk.analyzer.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The store's clock: a log's wall-clock times are kept as written, as epoch milliseconds read as
 * if UTC (syslog says no zone). Times that state an offset are moved to UTC.
 */
public final class Times {

    private Times() {
    }

    public static long millis(LocalDateTime t, ZoneOffset offset) {
        return t.toInstant(offset == null ? ZoneOffset.UTC : offset).toEpochMilli();
    }

    public static LocalDateTime of(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** {@code 2016-11-11T04:25:00}, {@code 2016-11-11 04:25}, {@code 2016-11-11}, with fraction or offset. */
    public static long parse(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            if (t.length() == 10) {
                return millis(LocalDateTime.parse(t + "T00:00:00"), null);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant().toEpochMilli();
            }
            if (t.length() == 16) {
                t = t + ":00";
            }
            return millis(LocalDateTime.parse(t), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a time like 2016-11-11T04:25:00, found '" + text + "'");
        }
    }
}
