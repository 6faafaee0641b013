package io.virtblk.shell.command;

import java.util.List;

/** A command that reads its query exactly as typed (quotes included), from the line rather than the split words. */
public interface LineCommand extends Command {

    @Override
    default void run(List<String> args, Session session) {
        throw new IllegalStateException(name() + " reads the line as typed: call run(spans, line, session)");
    }

    @Override
    void run(List<Words.Span> args, String line, Session session);
}
