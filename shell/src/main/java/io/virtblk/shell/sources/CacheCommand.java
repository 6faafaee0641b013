package io.virtblk.shell.sources;

import io.virtblk.analyzer.store.CachedIndex;
import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code cache [--json]} lists the cached indexes; {@code cache clear [FILE...]} drops them (all not
 * loaded now, or those of the files named). Indexes stay after a session ends so that the next
 * load is instant, and a 2 GB log leaves 700 MB behind: this is where to see and free that.
 */
public final class CacheCommand implements Command {

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public String synopsis() {
        return "cache [--json] | cache clear [FILE...]";
    }

    @Override
    public String summary() {
        return "the cached indexes: file, size on disk, current or not; clear drops them";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        Path cache = session.store().cache();
        if (cache == null) {
            session.out().println("no cache: this session keeps its indexes in memory (--memory)");
            session.out().flush();
            return;
        }
        try {
            List<CachedIndex> all = CachedIndex.list(cache);
            List<Path> inUse = session.store().sources().stream().map(SourceIndex::folder).filter(f -> f != null).toList();
            if (!a.positional().isEmpty() && a.positional().getFirst().equals("clear")) {
                clear(all, inUse, a.positional().subList(1, a.positional().size()), session);
            } else if (!a.positional().isEmpty()) {
                throw new UsageException("cache: unknown argument '" + a.positional().getFirst() + "'; use: " + synopsis());
            } else if (a.flag("--json")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CachedIndex c : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("file", c.file());
                    m.put("format", c.format());
                    m.put("file_bytes", c.fileBytes());
                    m.put("size_on_disk", c.sizeOnDisk());
                    m.put("state", c.state().name().toLowerCase(Locale.ROOT));
                    m.put("loaded", inUse.contains(c.folder()));
                    m.put("folder", c.folder().toString());
                    rows.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cache", cache.toString());
                m.put("indexes", rows);
                Json.write(session.out(), m);
            } else {
                list(cache, all, inUse, session);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void list(Path cache, List<CachedIndex> all, List<Path> inUse, Session session) {
        var out = session.out();
        long total = all.stream().mapToLong(CachedIndex::sizeOnDisk).sum();
        out.printf(Locale.ROOT, "%s: %d index(es), %s%n", cache, all.size(), size(total));
        for (CachedIndex c : all) {
            String state = switch (c.state()) {
                case CURRENT -> "current";
                case CHANGED -> "file changed since: the next load indexes it again";
                case MISSING -> "file gone";
                case INCOMPLETE -> "incomplete (an interrupted load)";
                case UNKNOWN -> "made by an older version from a relative path: cannot tell";
            };
            out.printf(Locale.ROOT, "  %9s  %s  %s%s%n", size(c.sizeOnDisk()), Style.visible(c.file() == null ? c.folder().getFileName().toString() : c.file()), state,
                    inUse.contains(c.folder()) ? ", loaded" : "");
        }
        out.flush();
    }

    private static void clear(List<CachedIndex> all, List<Path> inUse, List<String> files, Session session) throws IOException {
        List<Path> named = files.stream().map(f -> Path.of(f).toAbsolutePath().normalize()).toList();
        long freed = 0;
        int dropped = 0;
        int kept = 0;
        for (CachedIndex c : all) {
            boolean wanted = named.isEmpty() || (c.file() != null && named.contains(Path.of(c.file()).toAbsolutePath().normalize()));
            if (!wanted) {
                continue;
            }
            if (inUse.contains(c.folder())) {
                kept++; // its files are open; 'unload' it first
                continue;
            }
            freed += c.sizeOnDisk();
            c.delete();
            dropped++;
        }
        if (!files.isEmpty() && dropped == 0 && kept == 0) {
            throw new CommandException("cache: no cached index of " + String.join(", ", files) + " (see 'cache')");
        }
        session.out().printf(Locale.ROOT, "dropped %d index(es), freed %s%s%n", dropped, size(freed),
                kept == 0 ? "" : "; kept " + kept + " that are loaded now (unload them first)");
        session.out().flush();
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : bytes >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
