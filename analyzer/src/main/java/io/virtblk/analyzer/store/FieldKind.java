package io.virtblk.analyzer.store;

/** How a field is indexed, and so what a query can ask of it. */
public enum FieldKind {
    /** exact terms (postings) and doc values for stats: {@code type:ioctl}, {@code ioctl.name:BLKFLSBUF} */
    KEYWORD,
    /** analysed words: bare words in a query search {@code message} */
    TEXT,
    /** 64-bit integer points and doc values: ranges, sorting, stats */
    LONG,
    /** double points and doc values */
    DOUBLE,
    /** wall-clock time as written in the log (no zone), epoch milliseconds as if UTC; ranges take ISO 8601 */
    TIME
}
