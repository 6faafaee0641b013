package io.virtblk.grammar.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where users keep the JSON files the tool reads at every start (report kinds, driver
 * definitions): one folder per kind under {@code ~/.config/virtblk-shell/}, or under
 * {@code $XDG_CONFIG_HOME} when set; every {@code *.json} in it, by name.
 */
public final class UserFiles {

    private UserFiles() {
    }

    /** {@code ~/.config/virtblk-shell/KIND}, or {@code $XDG_CONFIG_HOME/virtblk-shell/KIND} when set. */
    public static Path dir(String kind) {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("virtblk-shell").resolve(kind);
    }

    /** The {@code *.json} files under {@code dir}, by name; none when it does not exist. */
    public static List<Path> in(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
