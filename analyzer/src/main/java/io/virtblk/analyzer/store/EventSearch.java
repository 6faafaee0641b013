package io.virtblk.analyzer.store;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The questions every event store answers in the same query syntax and the same shapes: the
 * local Lucene store, and a cluster the events were pushed to. Replay and the shell's
 * {@code query}, {@code count} and {@code stats} ask through this, so {@code --on URL} changes
 * where the answer comes from and nothing else.
 */
public interface EventSearch {

    long count(String query) throws IOException;

    /** Matching events, in input order, at most {@code limit}; {@code total[0]} receives the full count. */
    List<Hit> search(String query, int limit, long[] total) throws IOException;

    /** Matching events sorted by a schema field (then input order), at most {@code limit}. */
    List<Hit> search(String query, int limit, String sortField, boolean descending, long[] total) throws IOException;

    /** Counts of matching events per value of {@code field}. */
    Map<String, Long> stats(String query, String field) throws IOException;

    /**
     * Every matching event in input order with only the {@code fields} asked for, and the whole event
     * for {@code keptTypes}: the lean read replay makes of a big log.
     */
    void scan(String query, List<String> fields, Set<String> keptTypes, Consumer<Row> each) throws IOException;

    /** The text of one line of a source, as written. */
    String lineText(String source, int line) throws IOException;

    /** How many lines the source has: where its log ends. */
    int lines(String source) throws IOException;
}
