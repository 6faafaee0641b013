package io.virtblk.shell;

import java.util.List;

/** One entry of the command table. Help text lives in {@code help.properties} under the command's name. */
public interface Command {

    String name();

    /** {@code events [--type T] [--limit N] [--json]} */
    String synopsis();

    /** One line for {@code help}. */
    String summary();

    void run(List<String> args, Session session);
}
