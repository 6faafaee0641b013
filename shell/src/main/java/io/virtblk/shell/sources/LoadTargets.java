package io.virtblk.shell.sources;

import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Style;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code load} is given, made into files: a directory is every file under it, a glob is
 * every file it matches (the shell at the prompt is ours, so nobody else expands them), each in
 * path order so that two loads of the same folder list their files alike. A format prefix
 * ({@code kernel:logs/*.log}) applies to each file. A folder {@code capture} wrote (it holds
 * {@code capture.json}) is its bundle's inputs, each with its format. Hidden files (a name starting with '.') under
 * a directory are left out, as {@code ls} leaves them out.
 */
public final class LoadTargets {

    /** One file to load, and whether it came from a folder or glob (then a file that is not text is skipped, not a failure). */
    public record Target(String spec, boolean expanded) {
    }

    private LoadTargets() {
    }

    public static List<Target> expand(String arg) {
        String prefix = formatPrefix(arg);
        String path = arg.substring(prefix.length());
        Path p = Path.of(path);
        if (prefix.isEmpty() && io.virtblk.load.CaptureBundle.is(p)) {
            // a capture's bundle: its files with their formats, one case, nothing else in the folder
            return io.virtblk.load.CaptureBundle.inputs(p).stream().map(f -> new Target(f, false)).toList();
        }
        if (Files.isDirectory(p)) {
            List<String> files = under(p, Integer.MAX_VALUE, f -> true);
            List<Target> all = prefix.isEmpty() ? withBundles(files) : files.stream().map(f -> new Target(prefix + f, true)).toList();
            if (all.isEmpty()) {
                throw new CommandException("load: " + Style.visible(arg) + " is a folder with no files in it");
            }
            return all;
        }
        if (Files.exists(p) || !isGlob(path)) {
            return List.of(new Target(arg, false)); // a file, or a missing one: the load says which
        }
        Path base = globBase(path);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
        int depth = path.contains("**") ? Integer.MAX_VALUE : Path.of(path).getNameCount() - (base.toString().isEmpty() ? 0 : base.getNameCount());
        List<Target> all = under(base.toString().isEmpty() ? Path.of("") : base, depth, matcher::matches).stream()
                .map(f -> new Target(prefix + f, true)).toList();
        if (all.isEmpty()) {
            throw new CommandException("load: no file matches " + Style.visible(arg));
        }
        return all;
    }

    /**
     * A folder's files, where the bundles {@code capture} wrote in it (a folder of cases) stand
     * for their inputs with their formats, in the place of their files.
     */
    private static List<Target> withBundles(List<String> files) {
        List<Target> out = new ArrayList<>();
        // a folder is asked once whether it is a bundle; its inputs stand once, where its first file stood
        java.util.Map<Path, Boolean> bundle = new java.util.HashMap<>();
        java.util.Set<Path> listed = new java.util.HashSet<>();
        for (String f : files) {
            Path folder = Path.of(f).getParent(); // none: a file at the top of the folder, which is no bundle (expand asked)
            if (folder != null && bundle.computeIfAbsent(folder, io.virtblk.load.CaptureBundle::is)) {
                if (listed.add(folder)) {
                    io.virtblk.load.CaptureBundle.inputs(folder).forEach(i -> out.add(new Target(i, false)));
                }
            } else {
                out.add(new Target(f, true));
            }
        }
        return out;
    }

    /** {@code kernel:} of {@code kernel:FILE}, as the loader reads it; empty when there is none. */
    private static String formatPrefix(String arg) {
        io.virtblk.load.SourceLoader.Spec spec = io.virtblk.load.SourceLoader.Spec.parse(arg);
        return spec.forced() == null ? "" : arg.substring(0, arg.indexOf(':') + 1);
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }

    /** The folders before the first segment with a glob character. */
    private static Path globBase(String path) {
        Path p = Path.of(path);
        Path base = p.isAbsolute() ? p.getRoot() : Path.of("");
        for (Path segment : p) {
            if (isGlob(segment.toString())) {
                break;
            }
            base = base.resolve(segment);
        }
        return base;
    }

    private static List<String> under(Path dir, int depth, java.util.function.Predicate<Path> keep) {
        Path start = dir.toString().isEmpty() ? Path.of(".") : dir;
        try (Stream<Path> walk = Files.walk(start, depth)) {
            List<String> files = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .map(f -> dir.toString().isEmpty() ? start.relativize(f) : f)
                    .filter(f -> !hidden(dir.toString().isEmpty() ? f : dir.relativize(f)))
                    .filter(keep)
                    .forEach(f -> files.add(f.toString()));
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
