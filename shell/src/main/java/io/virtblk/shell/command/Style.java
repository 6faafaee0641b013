package io.virtblk.shell.command;

/**
 * Colour in output, only when the settings say the terminal can show it (and NO_COLOR is not
 * set): plain text otherwise, so pipes, files and dumb terminals get no escape codes.
 */
public final class Style {

    private Style() {
    }

    public static String red(Settings s, String text) {
        return wrap(s, "1;31", text);
    }

    static String green(Settings s, String text) {
        return wrap(s, "32", text);
    }

    public static String yellow(Settings s, String text) {
        return wrap(s, "33", text);
    }

    public static String cyan(Settings s, String text) {
        return wrap(s, "36", text);
    }

    /** A run's verdict in the colour of its meaning. */
    public static String verdict(Settings s, String verdict) {
        return switch (verdict) {
            case "stalled", "crashed" -> red(s, verdict.toUpperCase());
            case "completed" -> green(s, verdict.toUpperCase());
            default -> yellow(s, verdict.toUpperCase());
        };
    }

    /**
     * Text that came from a file, made safe for a terminal: control characters (escape sequences,
     * BEL, a bare CR that would overwrite the line) shown as {@code \xNN}, tabs kept.
     */
    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static String wrap(Settings s, String code, String text) {
        return s != null && s.color() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
