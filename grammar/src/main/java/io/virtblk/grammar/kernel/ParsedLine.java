package io.virtblk.grammar.kernel;

import io.virtblk.event.KernelPrefix;

/**
 * A kernel log line split into prefix and message, or the reason it could not be.
 *
 * @param messageColumn 0-based column where the message starts in the line
 * @param error         null when the line parsed; else what was expected, at {@code errorColumn}
 */
public record ParsedLine(KernelPrefix prefix, String message, int messageColumn, String error, int errorColumn) {

    static ParsedLine ok(KernelPrefix prefix, String message, int messageColumn) {
        return new ParsedLine(prefix, message, messageColumn, null, -1);
    }

    static ParsedLine failed(String error, int column) {
        return new ParsedLine(null, null, 0, error, column);
    }

    public boolean ok() {
        return error == null;
    }
}
