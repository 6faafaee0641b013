package io.virtblk.cluster.client;

import io.virtblk.analyzer.store.EventJson;
import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventStore;
import io.virtblk.analyzer.store.SourceIndex;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code push}: the loaded sources' events, or those matching a query, into a cluster.
 *
 * <p>The local store answers the query (so the cluster gets exactly what {@code query} shows
 * here); each source is then read again with the same parser and every chosen event becomes a
 * {@link ClusterDoc}, written in batches by two senders so parsing and the cluster's indexing
 * overlap. Documents the cluster rejects for load (429, 5xx) are sent again with backoff; what
 * still fails is reported by source and line. A batch the cluster will not take at all stops the
 * push and says from where on nothing was written. At the end every source's count in the
 * cluster is compared with the count pushed: a gap is always said, never left silent.
 */
public final class Push {

    /** What a push did. {@code held} and {@code expected} are per source; a source where they differ is a gap. */
    public record Report(String cluster, long sent, long written, List<Cluster.Failure> failed, Map<String, Long> expected,
                         Map<String, Long> held, String stopped, double seconds) {

        public boolean complete() {
            return failed.isEmpty() && stopped == null && expected.equals(held);
        }

        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : written / seconds;
        }
    }

    /** Progress of a push: events written so far of all that will be. */
    @FunctionalInterface
    public interface Progress {
        void update(long written, long total);

        Progress NONE = (w, t) -> { };
    }

    public static final int DEFAULT_BATCH = 1000;
    private static final int SENDERS = 2;

    private final Cluster cluster;
    private final EventStore store;
    private final int batch;
    private final Retry retry;

    public Push(Cluster cluster, EventStore store, int batch, Retry retry) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.cluster = cluster;
        this.store = store;
        this.batch = batch;
        this.retry = retry;
    }

    /** Pushes every loaded source ({@code only} null) or one; {@code query} null pushes every event. */
    public Report run(String query, String only, Progress progress) throws IOException {
        long start = System.nanoTime();
        cluster.version();
        if (!cluster.exists()) {
            throw new ClusterException("no index '" + cluster.url().index() + "' at " + cluster.url().base()
                    + "; add --create to make it with the shipped mapping");
        }
        List<SourceIndex> sources = store.sources().stream().filter(s -> only == null || s.summary().name().equals(only)).toList();
        if (sources.isEmpty()) {
            throw new ClusterException(only == null ? "nothing loaded to push; try: load samples/000_session.txt" : "no source named " + only);
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, BitSet> chosen = new LinkedHashMap<>();
        for (SourceIndex s : sources) {
            String name = s.summary().name();
            String q = scoped(name, query);
            BitSet lines = new BitSet();
            if (query != null) {
                store.scan(q, List.of(), java.util.Set.of(), row -> lines.set(row.line()));
                chosen.put(name, lines);
                expected.put(name, (long) lines.cardinality());
            } else {
                expected.put(name, store.count(q));
            }
        }
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        Senders senders = new Senders(total, progress);
        try {
            for (SourceIndex s : sources) {
                send(s.summary(), chosen.get(s.summary().name()), senders);
                if (senders.stopped() != null) {
                    break;
                }
            }
        } finally {
            senders.finish();
        }
        Map<String, Long> held = new LinkedHashMap<>();
        String stopped = senders.stopped();
        try {
            cluster.refresh();
            for (String name : expected.keySet()) {
                held.put(name, cluster.count(scoped(name, query)));
            }
        } catch (ClusterException e) {
            stopped = stopped == null ? "could not count what the cluster holds: " + e.getMessage() : stopped;
        }
        return new Report(cluster.url().toString(), senders.sent.get(), senders.written.get(), List.copyOf(senders.failed), expected, held,
                stopped, (System.nanoTime() - start) / 1e9);
    }

    private static String scoped(String source, String query) {
        return "source:" + EventQueries.quote(source) + (query == null ? "" : " AND (" + query + ")");
    }

    private void send(LoadedSource s, BitSet lines, Senders senders) throws IOException {
        LoadedSource.ReadBack readBack = s.readBack();
        if (readBack.file() == null) {
            throw new ClusterException(s.name() + " was read from a pipe and its text was not kept; the cluster needs the lines themselves");
        }
        Path path = Path.of(readBack.file());
        if (!Files.isReadable(path)) {
            throw new ClusterException(s.name() + ": " + path + " cannot be read any more; the cluster needs the lines themselves");
        }
        if (readBack.original() && (Files.size(path) != s.bytes() || Files.getLastModifiedTime(path).toMillis() != s.modifiedMillis())) {
            throw new ClusterException(s.name() + " changed since it was loaded; load it again, then push");
        }
        EventJson json = new EventJson();
        List<ClusterDoc> docs = new ArrayList<>(batch);
        // a spool is the text as loaded (UTF-8, LF ends): read with the format the file was loaded as
        SourceLoader.Spec spec = new SourceLoader.Spec(s.format(), path, s.name());
        try {
            store.loader().stream(spec, e -> {
                if (lines != null && !lines.get(e.at().line())) {
                    return;
                }
                docs.add(ClusterDoc.of(e, s.name(), s.lines(), json));
                if (docs.size() == batch) {
                    senders.put(List.copyOf(docs));
                    docs.clear();
                }
            });
            if (!docs.isEmpty()) {
                senders.put(List.copyOf(docs));
            }
        } catch (CancellationException stop) {
            // the senders stopped; their reason is in the report
        }
    }

    /** Two threads writing batches while the caller parses. */
    private final class Senders {
        private final BlockingQueue<List<ClusterDoc>> queue = new ArrayBlockingQueue<>(2 * SENDERS);
        private final List<Thread> threads = new ArrayList<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final List<Cluster.Failure> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile String stopped;
        private final long total;
        private final Progress progress;

        Senders(long total, Progress progress) {
            this.total = total;
            this.progress = progress;
            for (int i = 0; i < SENDERS; i++) {
                threads.add(Thread.ofPlatform().name("virtblk-push-" + i).daemon().start(this::loop));
            }
        }

        String stopped() {
            return stopped;
        }

        void put(List<ClusterDoc> docs) {
            if (stopped != null) {
                throw new CancellationException(stopped);
            }
            try {
                queue.put(docs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("push interrupted");
            }
        }

        private void loop() {
            try {
                for (List<ClusterDoc> docs; !(docs = queue.take()).isEmpty(); ) {
                    if (stopped == null) {
                        try {
                            write(docs);
                        } catch (RuntimeException e) {
                            // a sender that died silently would leave the parser blocked on a full queue
                            stopAt(docs.getFirst(), e.toString());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void write(List<ClusterDoc> docs) {
            sent.addAndGet(docs.size());
            List<ClusterDoc> pending = docs;
            List<Cluster.Failure> last = List.of();
            for (int n = 0; n < retry.attempts() && !pending.isEmpty(); n++) {
                try {
                    Thread.sleep(retry.before(n));
                    last = cluster.bulk(pending);
                } catch (IOException e) {
                    stopAt(pending.getFirst(), e.getMessage());
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = "push interrupted";
                    return;
                }
                written.addAndGet(pending.size() - last.size());
                pending = last.stream().filter(Cluster.Failure::retryable).map(Cluster.Failure::doc).toList();
                failed.addAll(last.stream().filter(f -> !f.retryable()).toList());
                progress.update(written.get(), total);
            }
            if (!pending.isEmpty()) {
                List<Cluster.Failure> refused = last.stream().filter(Cluster.Failure::retryable).toList();
                failed.addAll(refused);
                // Still refused for load after every retry: the cluster is not taking writes (a lost
                // cluster manager, a full queue). Going on would only wait out the same refusal for
                // every batch left, hours on a big source; stop and say from where on nothing is sure.
                Cluster.Failure f = refused.getFirst();
                stopAt(f.doc(), "the cluster still refused " + refused.size() + " of " + docs.size() + " events after " + retry.attempts()
                        + " tries (" + f.status() + " " + f.reason() + ")");
            }
        }

        /** Stops the push at {@code doc}: from there on nothing is sure to be in the cluster. */
        private void stopAt(ClusterDoc doc, String why) {
            stopped = "stopped at " + doc.source() + " line " + doc.line() + ": " + why;
        }

        void finish() {
            for (int i = 0; i < threads.size(); i++) {
                try {
                    queue.put(List.of());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
