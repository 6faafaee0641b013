package io.virtblk.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell's options, shown by {@code show} and changed by {@code set NAME VALUE}:
 * {@code format} (text or json: json makes every data command answer as with --json),
 * {@code color} (auto, on, off; auto follows the terminal and {@code NO_COLOR}),
 * {@code limit} (rows a text listing shows before "... N more").
 */
public final class Settings {

    private String format = "text";
    private String color = "auto";
    private int limit = 100;
    private boolean terminalColors;

    static final Map<String, List<String>> CHOICES = Map.of(
            "format", List.of("text", "json"),
            "color", List.of("auto", "on", "off"));

    void terminalColors(boolean can) {
        this.terminalColors = can;
    }

    boolean json() {
        return format.equals("json");
    }

    boolean color() {
        return switch (color) {
            case "on" -> true;
            case "off" -> false;
            default -> terminalColors && System.getenv("NO_COLOR") == null;
        };
    }

    int limit() {
        return limit;
    }

    void set(String name, String value) {
        switch (name) {
            case "format", "color" -> {
                if (!CHOICES.get(name).contains(value)) {
                    throw new UsageException("set: " + name + " takes one of: " + String.join(", ", CHOICES.get(name)) + "; not '" + value + "'");
                }
                if (name.equals("format")) {
                    format = value;
                } else {
                    color = value;
                }
            }
            case "limit" -> {
                try {
                    limit = Integer.parseInt(value);
                    if (limit <= 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new UsageException("set: limit takes a positive whole number, not '" + value + "'");
                }
            }
            default -> throw new UsageException("set: unknown option: " + name + "; use one of: format, color, limit");
        }
    }

    Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("color", color + (color.equals("auto") ? " (" + (color() ? "on" : "off") + ")" : ""));
        m.put("limit", Integer.toString(limit));
        return m;
    }
}
