package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtblk.analyzer.store.EventStore;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link Push} behaves when a cluster answers but will not take the documents: a fake
 * OpenSearch on loopback whose {@code _bulk} refuses every item. The real cluster test lives in
 * the cluster module; this one pins what the report says and that the push does not wait out
 * the same refusal once per batch.
 */
class PushTest {

    private static final Path SAMPLE = Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt");
    private static final Retry QUICK = new Retry(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

    private LoopbackServer server;
    private final AtomicInteger bulks = new AtomicInteger();

    /** Every bulk item answered with {@code itemStatus}; {@code _count} says {@code held}. */
    private String serve(int itemStatus, long held) throws IOException {
        server = LoopbackServer.start("/", ex -> {
            String path = ex.getRequestURI().getPath();
            ObjectNode answer = Http.JSON.createObjectNode();
            if (path.equals("/")) {
                answer.putObject("version").put("distribution", "opensearch").put("number", "3.9.0");
            } else if (path.endsWith("/_bulk")) {
                bulks.incrementAndGet();
                answer.put("errors", itemStatus != 201);
                ArrayNode items = answer.putArray("items");
                for (String line : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("{\"index\"") && itemStatus == 201) {
                        items.addObject().putObject("index").put("status", 201);
                    } else if (line.startsWith("{\"index\"")) {
                        items.addObject().putObject("index").put("status", itemStatus).putObject("error")
                                .put("type", itemStatus >= 500 ? "unavailable_shards_exception" : "mapper_parsing_exception")
                                .put("reason", "nope");
                    }
                }
            } else if (path.endsWith("/_count")) {
                answer.put("count", held);
            }
            return LoopbackServer.Reply.json(200, answer);
        });
        return "opensearch://127.0.0.1:" + server.port() + "/virtblk";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClusterThatRefusesForLoadAfterEveryRetryStopsThePushAndSaysWhere() throws IOException {
        String url = serve(503, 0);
        try (EventStore store = new EventStore(null, new SourceLoader())) {
            store.load(SAMPLE.toString());
            long events = store.count("*:*");
            assertThat(events).isGreaterThan(40);
            Push.Report r = new Push(Cluster.open(url, Map.of(), QUICK), store, 10, QUICK).run(null, null, Push.Progress.NONE);
            assertThat(r.complete()).isFalse();
            assertThat(r.stopped()).startsWith("stopped at " + SAMPLE + " line ").contains("still refused 10 of 10 events after 2 tries")
                    .contains("503 unavailable_shards_exception: nope");
            assertThat(r.written()).isZero();
            assertThat(r.failed()).isNotEmpty().allSatisfy(f -> assertThat(f.status()).isEqualTo(503));
            // each sender gives up after its batch's tries; it does not try every batch of the source in turn
            assertThat(bulks.get()).isLessThanOrEqualTo(2 * QUICK.attempts() + 2).isLessThan((int) (events / 10));
        }
    }

    @Test
    void progressIsToldAsBatchesLandAndTheEndCountsAreCompared() throws IOException {
        try (EventStore store = new EventStore(null, new SourceLoader())) {
            store.load(SAMPLE.toString());
            long events = store.count("*:*");
            String url = serve(201, events);
            java.util.List<long[]> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            Push.Report r = new Push(Cluster.open(url, Map.of(), QUICK), store, 10, QUICK).run(null, null, (w, t) -> told.add(new long[] {w, t}));
            assertThat(r.complete()).isTrue();
            assertThat(r.written()).isEqualTo(events);
            assertThat(r.held()).containsEntry(SAMPLE.toString(), events);
            assertThat(bulks.get()).isEqualTo((int) ((events + 9) / 10));
            assertThat(told).hasSize(bulks.get()).allSatisfy(p -> assertThat(p[1]).isEqualTo(events));
            assertThat(told.stream().mapToLong(p -> p[0]).max().orElse(0)).isEqualTo(events);
        }
    }

    /** OpenSearch without a cluster manager fails each item with a 5xx: the cluster's state, not the documents'. */
    @Test
    void anyServerErrorOnEveryItemStopsThePushToo() throws IOException {
        String url = serve(500, 0);
        try (EventStore store = new EventStore(null, new SourceLoader())) {
            store.load(SAMPLE.toString());
            long events = store.count("*:*");
            Push.Report r = new Push(Cluster.open(url, Map.of(), QUICK), store, 10, QUICK).run(null, null, Push.Progress.NONE);
            assertThat(r.stopped()).contains("still refused 10 of 10 events after 2 tries (500 ");
            assertThat(bulks.get()).isLessThan((int) (events / 10));
        }
    }

    @Test
    void documentsRefusedForWhatTheyAreAreListedAndThePushGoesOn() throws IOException {
        String url = serve(400, 0);
        try (EventStore store = new EventStore(null, new SourceLoader())) {
            store.load(SAMPLE.toString());
            long events = store.count("*:*");
            Push.Report r = new Push(Cluster.open(url, Map.of(), QUICK), store, 10, QUICK).run(null, null, Push.Progress.NONE);
            assertThat(r.complete()).isFalse();
            assertThat(r.stopped()).isNull();
            assertThat(r.failed()).hasSize((int) events);
            assertThat(r.failed().getFirst().reason()).isEqualTo("mapper_parsing_exception: nope");
            assertThat(r.expected()).containsEntry(SAMPLE.toString(), events);
            assertThat(r.held()).containsEntry(SAMPLE.toString(), 0L);
        }
    }
}
