package io.virtblk.shell;

/**
 * Colour in output, only when the settings say the terminal can show it (and NO_COLOR is not
 * set): plain text otherwise, so pipes, files and dumb terminals get no escape codes.
 */
final class Style {

    private Style() {
    }

    static String red(Settings s, String text) {
        return wrap(s, "1;31", text);
    }

    static String green(Settings s, String text) {
        return wrap(s, "32", text);
    }

    static String yellow(Settings s, String text) {
        return wrap(s, "33", text);
    }

    static String cyan(Settings s, String text) {
        return wrap(s, "36", text);
    }

    /** A run's verdict in the colour of its meaning. */
    static String verdict(Settings s, String verdict) {
        return switch (verdict) {
            case "stalled" -> red(s, verdict.toUpperCase());
            case "completed" -> green(s, verdict.toUpperCase());
            default -> yellow(s, verdict.toUpperCase());
        };
    }

    private static String wrap(Settings s, String code, String text) {
        return s != null && s.color() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
