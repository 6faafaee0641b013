package io.virtblk.shell.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell's options, shown by {@code show} and changed by {@code set NAME VALUE}:
 * {@code format} (text or json: json makes every data command answer as with --json),
 * {@code color} (auto, on, off; auto follows the terminal and {@code NO_COLOR}),
 * {@code limit} (rows a text listing shows before "... N more"), {@code pager} (auto: output
 * taller than the terminal goes through {@code less -FRX}; off), {@code timezone} (times shown
 * as written, or converted to a zone; a log that states no zone is read as UTC).
 */
public final class Settings {

    private String format = "text";
    private String color = "auto";
    private int limit = 100;
    private String pager = "auto";
    private java.time.ZoneId zone;
    private boolean terminalColors;

    static final Map<String, List<String>> CHOICES = Map.of(
            "format", List.of("text", "json"),
            "color", List.of("auto", "on", "off"),
            "pager", List.of("auto", "off"));

    /** True when long output at the prompt goes through a pager ({@code less -FRX}). */
    public boolean pager() {
        return pager.equals("auto");
    }

    /** The zone to show wall-clock times in, or null to show them as the log wrote them. */
    public java.time.ZoneId zone() {
        return zone;
    }

    /**
     * A stored time (the log's clock, read as UTC when it stated no zone) as shown: unchanged, or
     * converted to the chosen zone with its offset.
     */
    public String showTime(String stored) {
        if (zone == null || stored == null) {
            return stored;
        }
        try {
            return java.time.LocalDateTime.parse(stored).atOffset(java.time.ZoneOffset.UTC).atZoneSameInstant(zone).toOffsetDateTime().toString();
        } catch (java.time.format.DateTimeParseException e) {
            return stored;
        }
    }

    public void terminalColors(boolean can) {
        this.terminalColors = can;
    }

    public boolean json() {
        return format.equals("json");
    }

    public boolean color() {
        return switch (color) {
            case "on" -> true;
            case "off" -> false;
            default -> terminalColors && System.getenv("NO_COLOR") == null;
        };
    }

    public int limit() {
        return limit;
    }

    public void set(String name, String value) {
        switch (name) {
            case "timezone" -> {
                if (value.equals("none") || value.equals("as-written")) {
                    zone = null;
                } else {
                    try {
                        zone = java.time.ZoneId.of(value);
                    } catch (java.time.DateTimeException e) {
                        throw new UsageException("set: timezone takes a zone such as UTC, Europe/Berlin, +02:00, or 'as-written'; not '" + value + "'");
                    }
                }
            }
            case "pager" -> {
                if (!CHOICES.get(name).contains(value)) {
                    throw new UsageException("set: pager takes one of: auto, off; not '" + value + "'");
                }
                pager = value;
            }
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
            default -> throw new UsageException("set: unknown option: " + name + "; use one of: format, color, limit, pager, timezone");
        }
    }

    public Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("color", color + (color.equals("auto") ? " (" + (color() ? "on" : "off") + ")" : ""));
        m.put("limit", Integer.toString(limit));
        m.put("pager", pager);
        m.put("timezone", zone == null ? "as-written" : zone.getId());
        return m;
    }
}
