package io.virtblk.analyzer.store;

/** A query the store cannot run, with the position (1-based column) and what would be valid. */
public final class QueryError extends RuntimeException {

    private final int column;

    public QueryError(String query, int column, String message) {
        super("query:" + column + ": " + message + "\n  " + query + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^", null, false, false);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
