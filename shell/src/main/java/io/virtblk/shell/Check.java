package io.virtblk.shell;

import io.virtblk.replay.Replays;
import io.virtblk.replay.model.VirtblkiosimModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code virtblk-shell check [--json] FILE...}: the replay's diagnosis for CI pipelines. Exit 0
 * when no run stalled, 3 when one did, 1 when an input cannot be read, 2 on a usage error.
 */
final class Check {

    private Check() {
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean json = false;
        Path cache = Main.defaultCache();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--memory" -> cache = null;
                case "--cache" -> {
                    if (i + 1 >= args.length) {
                        err.println("check: --cache needs a folder");
                        return Main.USAGE;
                    }
                    cache = Path.of(args[++i]);
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.println("check: unknown option: " + args[i] + "; use one of: --json, --cache DIR, --memory");
                        return Main.USAGE;
                    }
                    files.add(args[i]);
                }
            }
        }
        if (files.isEmpty()) {
            err.println("check: name the files to diagnose, e.g. check samples/000_session.txt");
            return Main.USAGE;
        }
        try (Session session = new Session(cache, new PrintWriter(PrintWriter.nullWriter()), err)) {
            List<Replays> all = new ArrayList<>();
            for (String f : files) {
                try {
                    session.store().load(f);
                } catch (IOException | RuntimeException e) {
                    err.println("check: " + f + ": cannot read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                    return Main.FAILED;
                }
            }
            for (var s : session.store().sources()) {
                all.add(session.replays(s, VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP));
            }
            if (json) {
                Json.write(out, ReplayView.json(all, null));
            } else {
                ReplayView.text(all, null, out);
            }
            out.flush();
            return all.stream().anyMatch(Replays::anyStalled) ? Main.STALLED : Main.OK;
        } catch (IOException | RuntimeException e) {
            err.println("check: " + e.getMessage());
            return Main.FAILED;
        }
    }
}
