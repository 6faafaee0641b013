package io.virtblk.grammar.fio;

/**
 * Recognises the lines of fio's log files by their shape, for format detection. A hand-written
 * scan, not a regex: a histogram line at fio's default coarseness has 1,859 columns, and a regex
 * with a repeated group ({@code (, \d+)*}) matches it by recursion, a stack frame or more per
 * column, until the stack runs out.
 */
public final class FioLogLines {

    /** A histogram line: time, direction, block size and at least 19 bucket counts (1216 buckets at the coarsest). */
    private static final int HISTOGRAM_COLUMNS = 3 + 19;

    private FioLogLines() {
    }

    /** {@code time, value, direction, block size[, more whole numbers]}: the value may be negative, the direction is one digit. */
    public static boolean isSample(String line) {
        Shape s = Shape.of(line);
        return s != null && s.columns >= 4 && !s.otherNegative && s.thirdLength == 1;
    }

    /** {@code time, direction (0-2), block size, bucket counts...}. */
    public static boolean isHistogram(String line) {
        Shape s = Shape.of(line);
        return s != null && s.columns >= HISTOGRAM_COLUMNS && !s.otherNegative && !s.secondNegative && s.secondLength == 1
                && line.charAt(s.secondStart) <= '2';
    }

    /** What detection needs to know of a line of {@code ", "}-separated whole numbers. */
    private record Shape(int columns, boolean otherNegative, boolean secondNegative, int secondStart, int secondLength, int thirdLength) {

        /**
         * The shape, or null when the line is not whole numbers (each may have a leading '-')
         * separated by ", "; {@code otherNegative} when a column but the second has a '-'.
         */
        static Shape of(String t) {
            int columns = 0;
            int i = 0;
            int len = t.length();
            boolean otherNegative = false;
            boolean secondNegative = false;
            int secondStart = -1;
            int secondLength = 0;
            int thirdLength = 0;
            while (true) {
                boolean negative = i < len && t.charAt(i) == '-';
                if (negative) {
                    i++;
                }
                int start = i;
                while (i < len && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                switch (columns) {
                    case 1 -> {
                        secondNegative = negative;
                        secondStart = start;
                        secondLength = i - start;
                    }
                    case 2 -> thirdLength = i - start;
                    default -> { }
                }
                otherNegative |= negative && columns != 1;
                columns++;
                if (i == len) {
                    return new Shape(columns, otherNegative, secondNegative, secondStart, secondLength, thirdLength);
                }
                if (!t.startsWith(", ", i)) {
                    return null;
                }
                i += 2;
            }
        }
    }
}
