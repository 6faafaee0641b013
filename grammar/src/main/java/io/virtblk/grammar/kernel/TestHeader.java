package io.virtblk.grammar.kernel;

import java.util.regex.Pattern;

/**
 * syzkaller's report test files put what the parser must find ({@code TITLE: ...}, {@code TYPE:
 * ...}) before the console log, up to the first blank line, and may end with the expected report
 * after a {@code REPORT:} line. Those lines are test metadata, not kernel output: a reader must
 * never take {@code TITLE: INFO: task hung in x} for a hung task. They are kept as raw lines.
 */
final class TestHeader {

    static final String CONTEXT = "syzkaller test expectations (metadata, not kernel output)";

    private static final Pattern FIELD = Pattern.compile(
            "(?:TITLE|ALT|TYPE|FRAME|CORRUPTED|SUPPRESSED|PANICKED|EXECUTOR|START|END): .*|(?:TITLE|TYPE|FRAME|CORRUPTED|PANICKED):");

    private boolean inHeader = true;
    private boolean sawHeader;
    private boolean previousBlank;
    private boolean inReport;

    /** True when the line is part of such a header or trailing expected report. */
    boolean metadata(String text) {
        if (inHeader) {
            if (text.startsWith("#") && !text.startsWith("# ===")) {
                return sawHeader; // a comment among the fields; alone it says nothing
            }
            if (text.isEmpty()) {
                inHeader = false;
                return sawHeader;
            } else if (FIELD.matcher(text).matches()) {
                sawHeader = true;
                return true;
            } else {
                inHeader = false;
            }
        }
        if (inReport) {
            return true;
        }
        if (sawHeader && previousBlank && text.equals("REPORT:")) {
            inReport = true;
            return true;
        }
        previousBlank = text.isEmpty();
        return false;
    }
}
