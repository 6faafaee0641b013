package io.virtblk.shell.command;

import java.util.List;

/** One entry of the command table. Help text lives in {@code help.properties} under the command's name. */
public interface Command {

    String name();

    /** {@code events [--type T] [--limit N] [--json]} */
    String synopsis();

    /** One line for {@code help}. */
    String summary();

    void run(List<String> args, Session session);

    /**
     * Runs with the argument words and their spans in {@code line}; commands that take a query
     * override this to read the query exactly as typed, quotes included.
     */
    default void run(List<Words.Span> args, String line, Session session) {
        run(args.stream().map(Words.Span::word).toList(), session);
    }
}
