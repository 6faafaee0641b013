package io.virtblk.analyzer;

import io.virtblk.event.FioEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fio's text for a job's error. A result line carries it ({@code err=28 (file:io_u.c:1876,
 * func=io_u error, error=No space left on device)}); JSON and terse output carry only the number,
 * but fio also prints {@code fio: pid=N, err=28/file:..., error=TEXT} when the job stops, and a
 * capture of stderr keeps that line before the document.
 */
final class FioErrors {

    private static final Pattern ERROR_TEXT = Pattern.compile("(?:^|,\\s*)error=(.+)$");
    private static final Pattern NOTICE = Pattern.compile("pid=(\\d+), err=(\\d+)/.*");

    private FioErrors() {
    }

    /** The text after {@code error=} in a result line's detail, or null. */
    static String ofDetail(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher m = ERROR_TEXT.matcher(detail.strip());
        return m.find() ? m.group(1).strip() : null;
    }

    /**
     * The text of fio's error line for {@code err}: the one of the job's pid when both are known,
     * else the first with the same number (a JSON document names no pid).
     */
    static String ofNotices(List<FioEvent.Notice> notices, int err, Integer pid) {
        String sameNumber = null;
        for (FioEvent.Notice n : notices) {
            Matcher m = n.text() == null ? null : NOTICE.matcher(n.text());
            if (m == null || !m.matches() || !m.group(2).equals(Integer.toString(err))) {
                continue;
            }
            String text = ofDetail(n.text());
            if (pid != null && m.group(1).equals(pid.toString())) {
                return text;
            }
            if (sameNumber == null && (pid == null || n.pid() == null)) {
                sameNumber = text;
            }
        }
        return sameNumber;
    }
}
