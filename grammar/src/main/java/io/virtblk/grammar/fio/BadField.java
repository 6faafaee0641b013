package io.virtblk.grammar.fio;

/**
 * A field of a fio line that is missing or not of the shape fio writes, found while its values
 * are converted. Thrown before the line is counted in any event, so the reader keeps the line
 * raw and reports {@code column} (1-based) with the message, which says what was expected.
 */
final class BadField extends RuntimeException {

    private final int column;

    BadField(int column, String message) {
        super(message, null, false, false);
        this.column = column;
    }

    int column() {
        return column;
    }
}
