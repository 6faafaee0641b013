package io.virtblk.shell.sources;

import io.virtblk.cluster.client.Cluster;
import io.virtblk.cluster.client.ClusterUrl;
import io.virtblk.cluster.client.Push;
import io.virtblk.cluster.client.Retry;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.LineCommand;
import io.virtblk.shell.command.ProgressLine;
import io.virtblk.shell.command.QueryArgs;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import io.virtblk.shell.command.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code push URL [QUERY] [--create] [--batch N] [--source S] [--retries N] [--timeout SECONDS] [--json]}: the loaded
 * events (or those matching QUERY) into an OpenSearch index. Fails (exit 1)
 * when any event did not arrive, naming it by source and line.
 */
public final class PushCommand implements LineCommand {

    /** Failed events listed by name before the rest are only counted. */
    private static final int SHOWN = 20;

    @Override
    public String name() {
        return "push";
    }

    @Override
    public String synopsis() {
        return "push URL [QUERY] [--create] [--batch N] [--source S] [--retries N] [--timeout SECONDS] [--json]";
    }

    @Override
    public String summary() {
        return "send the loaded events (or a query's) to an OpenSearch index";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        if (spans.isEmpty() || spans.getFirst().word().startsWith("--")) {
            throw new UsageException("push: give the cluster first, e.g. push opensearch://localhost:9200/virtblk --create");
        }
        String url = spans.getFirst().word();
        QueryArgs qa = QueryArgs.parse(name(), spans.subList(1, spans.size()), line, Set.of("--create", "--json"),
                Set.of("--batch", "--source", "--retries", "--timeout"));
        Args a = qa.options();
        int batch = a.intOption(name(), "--batch", Push.DEFAULT_BATCH);
        if (batch < 1) {
            throw new UsageException("push: --batch takes a whole number of at least 1");
        }
        Retry retry = a.option("--retries") == null && a.option("--timeout") == null ? Retry.DEFAULT
                : Retry.DEFAULT.with(a.intOption(name(), "--retries", Retry.DEFAULT.attempts() - 1),
                        java.time.Duration.ofSeconds(Math.max(1, a.intOption(name(), "--timeout", (int) Retry.DEFAULT.patience().toSeconds()))));
        String query = qa.query().isBlank() ? null : qa.query();
        if (query != null) {
            session.store().parse(query);
        }
        Cluster cluster = retry == Retry.DEFAULT ? session.cluster(url) : Cluster.open(url, session.environment(), retry);
        Push.Report r;
        String version;
        boolean created = false;
        try {
            version = cluster.version();
            if (a.flag("--create")) {
                created = cluster.create();
            }
            ProgressLine progress = new ProgressLine("push", session.err());
            try {
                r = new Push(cluster, session.store(), batch, retry).run(query, a.option("--source"),
                        session.interactive() ? progress : Push.Progress.NONE);
            } finally {
                progress.clear();
            }
        } catch (IOException e) {
            throw new CommandException("push: " + e.getMessage());
        }
        if (a.flag("--json")) {
            session.out().println(Json.write(json(r, version, created)));
        } else {
            text(r, version, created, cluster.url().kind(), session);
        }
        session.out().flush();
        if (!r.complete()) {
            long missing = r.expected().values().stream().mapToLong(Long::longValue).sum() - r.written();
            throw new CommandException("push: incomplete: " + (r.failed().isEmpty() ? "" : r.failed().size() + " event(s) refused; ")
                    + (r.stopped() == null ? "" : r.stopped() + "; ") + Math.max(0, missing) + " event(s) not in the cluster");
        }
    }

    private static void text(Push.Report r, String version, boolean created, ClusterUrl.Kind kind, Session session) {
        var out = session.out();
        if (created) {
            out.printf("created %s with the shipped %s%n", r.cluster(), kind.layout());
        }
        out.printf(Locale.ROOT, "pushed %,d of %,d events to %s (%s) in %.1f s, %,.0f events/s%n", r.written(),
                r.expected().values().stream().mapToLong(Long::longValue).sum(), r.cluster(), version, r.seconds(), r.eventsPerSecond());
        int width = r.expected().keySet().stream().mapToInt(String::length).max().orElse(6);
        r.expected().forEach((source, n) -> {
            Long held = r.held().get(source);
            out.printf(Locale.ROOT, "  %-" + width + "s %,10d pushed  %s%n", source, n,
                    held == null ? "cluster count unknown" : held.equals(n) ? String.format(Locale.ROOT, "%,d in the cluster, same", held)
                            : String.format(Locale.ROOT, "%,d in the cluster: %,d %s", held, Math.abs(n - held), held < n ? "MISSING" : "more than pushed"));
        });
        int shown = 0;
        for (Cluster.Failure f : r.failed()) {
            if (shown++ == SHOWN) {
                out.printf("  ... and %d more refused%n", r.failed().size() - SHOWN);
                break;
            }
            out.printf("  refused %s:%d (%d) %s%n", f.doc().source(), f.doc().line(), f.status(), f.reason());
        }
        if (r.stopped() != null) {
            out.println("  " + r.stopped());
        }
    }

    private static Map<String, Object> json(Push.Report r, String version, boolean created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", r.cluster());
        m.put("version", version);
        m.put("created", created);
        m.put("complete", r.complete());
        m.put("sent", r.sent());
        m.put("written", r.written());
        List<Map<String, Object>> sources = new ArrayList<>();
        r.expected().forEach((s, n) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("source", s);
            one.put("pushed", n);
            one.put("in_cluster", r.held().get(s));
            sources.add(one);
        });
        m.put("sources", sources);
        List<Map<String, Object>> failed = new ArrayList<>();
        for (Cluster.Failure f : r.failed()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("source", f.doc().source());
            one.put("line", f.doc().line());
            one.put("status", f.status());
            one.put("reason", f.reason());
            failed.add(one);
        }
        m.put("failed", failed);
        m.put("stopped", r.stopped());
        m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        m.put("events_per_second", Math.round(r.eventsPerSecond()));
        return m;
    }
}
