package io.virtblk.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.shell.Commands;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code push} and {@code --on} promise, against a real two-node cluster of any kind a
 * subclass starts (no mocks): the sample and a 100,000-line generated kern.log are pushed through
 * the shell's own commands, then the cluster must answer every question as the local store does,
 * a second push must change nothing, and a node stopped mid-push must never leave a silent gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterPushContract {

    /** Starts two nodes with their data under {@code dir}. */
    abstract void startCluster(Path dir) throws Exception;

    abstract void stopCluster() throws Exception;

    /** The address of an index (collection) on the first node. */
    abstract String url(String index);

    /** What {@code push --json} says the cluster is, e.g. "OpenSearch 3.9.0". */
    abstract String version();

    /** The address of an index on a node that stays up while {@link #stopAnotherNode()} stops one. */
    abstract String survivorUrl(String index) throws Exception;

    abstract void stopAnotherNode() throws Exception;

    /** What the cluster calls the place events go: "index", "collection". */
    abstract String container();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "000_session.txt";

    @TempDir
    static Path temp;

    private Session session;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Commands commands = new Commands();
    private String url;
    private String bigLog;

    @BeforeAll
    void startClusterAndLoad() throws Exception {
        Path gen = Path.of(System.getProperty("virtblk.tools", "../../shared/tools"), "gen-kernlog");
        // like the corpus tests: the shared generator sits beside the repository; without it there is no 100k log to push
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(gen), "needs " + gen + " (or -Dvirtblk.tools=DIR)");
        startCluster(temp.resolve("cluster"));
        url = url("virtblk");
        session = new Session(new PrintWriter(out), new PrintWriter(err));
        Path sample = Path.of(System.getProperty("virtblk.root", ".."), "samples", SAMPLE).toAbsolutePath().normalize();
        Files.copy(sample, temp.resolve(SAMPLE));
        bigLog = temp.resolve("kern-100k.log").toString();
        Process p = new ProcessBuilder(gen.toString(), "100000", "--seed", "1").redirectOutput(Path.of(bigLog).toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gen-kernlog finishes").isTrue();
        assertThat(p.exitValue()).as("gen-kernlog at " + gen).isZero();
        run("load " + temp.resolve(SAMPLE) + " " + bigLog);
    }

    @AfterAll
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        stopCluster();
    }

    private String run(String command) {
        out.getBuffer().setLength(0);
        commands.execute(command, session);
        return out.toString().strip();
    }

    private JsonNode json(String command) throws IOException {
        return JSON.readTree(run(command));
    }

    private String sampleName() {
        return temp.resolve(SAMPLE).toString();
    }

    @Test
    @Order(1)
    void pushCreatesTheIndexAndEveryEventArrives() throws IOException {
        long local = Long.parseLong(run("count *:*"));
        JsonNode r = json("push " + url + " --create --json");
        assertThat(r.get("created").asBoolean()).isTrue();
        assertThat(r.get("version").asText()).isEqualTo(version());
        assertThat(r.get("complete").asBoolean()).isTrue();
        assertThat(r.get("written").asLong()).isEqualTo(local).isGreaterThan(100_000);
        assertThat(r.get("failed")).isEmpty();
        for (JsonNode s : r.get("sources")) {
            assertThat(s.get("in_cluster").asLong()).as(s.get("source").asText()).isEqualTo(s.get("pushed").asLong());
        }
        assertThat(Long.parseLong(run("count *:* --on " + url))).isEqualTo(local);
        // the numbers docs/PERFORMANCE.md records
        System.out.printf(java.util.Locale.ROOT, "[cluster bench] %s: push %d events to 2 nodes: %.2f s, %d events/s%n", version(), r.get("written").asLong(),
                r.get("seconds").asDouble(), r.get("events_per_second").asLong());
    }

    /** The same query text, here and there: terms, numeric and time ranges, phrases, wildcards, boolean mixes. */
    static List<String> queries(String sample, String big) {
        return List.of(
                "type:ioctl",
                "ioctl.name:BLKFLSBUF",
                "type:ioctl AND NOT ioctl.name:BLKFLSBUF",
                "type:engage OR type:release",
                "fio.iops:[42000 TO *]",
                "lat.p99:[100 TO 500]",
                "mono:[68516.0 TO 68516.2]",
                "time:[2016-11-11T04:25:00 TO 2016-11-11T04:30:00]",
                "message:\"Device engage\"",
                "virtblkiosim",
                "hung OR type:report",
                "source:\"" + big + "\" AND type:report AND (report.type:HANG OR report.class:crash)",
                "report.title:\"INFO: task hung in blk_mq_get_tag\"",
                "source:\"" + sample + "\" AND mono:[* TO 68516.0}",
                "subsystem:usb*",
                "ioctl.size:[1 TO 8] AND ioctl.dir:read",
                "report.task:* AND NOT report.type:HANG",
                "(type:kernel OR type:raw) AND NOT message:virtblkiosim",
                "*");
    }

    @Test
    @Order(2)
    void theClusterCountsWhatTheLocalStoreCounts() {
        List<String> differ = new ArrayList<>();
        int nonZero = 0;
        List<Double> localMs = new ArrayList<>();
        List<Double> remoteMs = new ArrayList<>();
        for (String q : queries(sampleName(), bigLog)) {
            long t0 = System.nanoTime();
            long local = Long.parseLong(run("count " + q));
            long t1 = System.nanoTime();
            long remote = Long.parseLong(run("count " + q + " --on " + url));
            remoteMs.add((System.nanoTime() - t1) / 1e6);
            localMs.add((t1 - t0) / 1e6);
            if (local != remote) {
                differ.add(q + ": local " + local + ", cluster " + remote);
            }
            nonZero += local > 0 ? 1 : 0;
        }
        localMs.sort(null);
        remoteMs.sort(null);
        System.out.printf(java.util.Locale.ROOT, "[cluster bench] %s: count, %d queries: median %.1f ms local, %.1f ms on the cluster (max %.1f)%n",
                version(), localMs.size(), localMs.get(localMs.size() / 2), remoteMs.get(remoteMs.size() / 2), remoteMs.getLast());
        assertThat(differ).isEmpty();
        assertThat(nonZero).as("queries that match something").isGreaterThanOrEqualTo(12);
    }

    @Test
    @Order(3)
    void queryAndStatsPrintTheSameShapes() {
        String q = "source:\"" + sampleName() + "\" AND (type:ioctl OR type:fio_result OR type:report OR type:command)";
        assertThat(run("query " + q + " --on " + url + " --json")).isEqualTo(run("query " + q + " --json"));
        assertThat(run("query " + q + " --on " + url)).isEqualTo(run("query " + q));
        assertThat(run("query * --sort fio.iops --desc --limit 3 --json --on " + url)).isEqualTo(run("query * --sort fio.iops --desc --limit 3 --json"));
        for (String by : List.of("type", "source", "ioctl.name", "subsystem", "report.pid", "fio.iops")) {
            assertThat(run("stats *:* --by " + by + " --json --on " + url)).as(by).isEqualTo(run("stats *:* --by " + by + " --json"));
        }
    }

    @Test
    @Order(4)
    void replayOnTheClusterGivesTheLocalDiagnosis() throws IOException {
        JsonNode local = json("replay --source " + sampleName() + " --json");
        JsonNode remote = json("replay --on " + url + " " + sampleName() + " --json");
        assertThat(remote).isEqualTo(local);
        assertThat(remote.get("runs").get(2).get("verdict").asText()).isEqualTo("stalled");
        assertThat(remote.get("runs").get(2).get("stall").get("line").asInt()).isEqualTo(106);
        assertThat(run("replay --on " + url + " " + sampleName())).isEqualTo(run("replay --source " + sampleName()));
    }

    @Test
    @Order(5)
    void pushingTwiceChangesNothing() throws IOException {
        List<Long> before = new ArrayList<>();
        for (String q : queries(sampleName(), bigLog)) {
            before.add(Long.parseLong(run("count " + q + " --on " + url)));
        }
        JsonNode r = json("push " + url + " --json");
        assertThat(r.get("complete").asBoolean()).isTrue();
        assertThat(r.get("created").asBoolean()).isFalse();
        List<Long> after = new ArrayList<>();
        for (String q : queries(sampleName(), bigLog)) {
            after.add(Long.parseLong(run("count " + q + " --on " + url)));
        }
        assertThat(after).isEqualTo(before);
        assertThat(run("count *:* --on " + url)).isEqualTo(run("count *:*"));
    }

    @Test
    @Order(6)
    void aQueryPushesOnlyItsEvents() throws IOException {
        String other = url("virtblk-ioctl");
        JsonNode r = json("push " + other + " type:ioctl OR type:report --create --json");
        assertThat(r.get("complete").asBoolean()).isTrue();
        assertThat(run("count *:* --on " + other)).isEqualTo(run("count type:ioctl OR type:report"));
    }

    @Test
    @Order(7)
    void clearErrorsForBadAddressesQueriesAndMissingIndexes() {
        String kind = version().substring(0, version().indexOf(' '));
        assertThatThrownBy(() -> run("count *:* --on " + url("virtblk").replaceFirst(":\\d+/", ":1/"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("cannot reach " + kind + " at http://127.0.0.1:1");
        assertThatThrownBy(() -> run("count *:* --on " + url("nothing-here"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("no " + container() + " 'nothing-here'").hasMessageContaining("--create");
        assertThatThrownBy(() -> run("count ioctl.nmae:BLKFLSBUF --on " + url)).isInstanceOf(CommandException.class)
                .hasMessageContaining("unknown field 'ioctl.nmae'").hasMessageContaining("ioctl.name");
        assertThatThrownBy(() -> run("push " + url("not-created"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("--create");
    }

    /**
     * Last: it stops a node while a push runs through another (which node, and what the cluster
     * can still do then, the subclass says). Whatever the cluster does, the push either lands
     * whole or says what is missing and fails; it never reports success over a gap.
     */
    @Test
    @Order(99)
    void aNodeStoppedMidPushIsRetriedOrReportedNeverSilent() throws Exception {
        String target = survivorUrl("virtblk-failover");
        run("push " + target + " source:\"" + sampleName() + "\" --create --json"); // creates the index: the push below only writes
        StringWriter pushOut = new StringWriter();
        Session pushing = new Session(new PrintWriter(pushOut), new PrintWriter(new StringWriter()));
        new Commands().execute("load " + bigLog, pushing);
        pushOut.getBuffer().setLength(0);
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try {
                new Commands().execute("push " + target + " --batch 200 --retries 1 --timeout 1 --json", pushing);
                return "ok";
            } catch (CommandException e) {
                return e.getMessage();
            }
        });
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        long seen = 0;
        while (!result.isDone() && System.nanoTime() < deadline && (seen = Long.parseLong(run("count *:* --on " + target))) < 5_000) {
            Thread.sleep(50);
        }
        System.out.printf(java.util.Locale.ROOT, "[cluster] %s: stopping a node %.1f s into the push, %d events in the cluster%n", version(),
                (System.nanoTime() - start) / 1e9, seen);
        stopAnotherNode();
        String outcome;
        try {
            // normally 20-40 s. It once took over 5 min in CI: every batch waited out the same per-item 503, one after
            // the other; Push now stops at the first batch still refused after its retries. The dump is for the next look.
            outcome = result.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("virtblk-push") || t.getName().startsWith("ForkJoinPool")) {
                    System.out.println("\"" + t.getName() + "\" " + t.getState());
                    for (StackTraceElement f : stack) {
                        System.out.println("    at " + f);
                    }
                }
            });
            throw e;
        }
        JsonNode report = JSON.readTree(pushOut.toString());
        System.out.println("[cluster] " + version() + ": push with a node stopped: " + outcome + "; first refused: " + report.path("failed").path(0));
        long local = Long.parseLong(run("count source:\"" + bigLog + "\""));
        if (outcome.equals("ok")) {
            assertThat(report.get("complete").asBoolean()).isTrue();
            assertThat(report.get("sources").get(0).get("in_cluster").asLong()).isEqualTo(local);
        } else {
            assertThat(outcome).startsWith("push: incomplete");
            assertThat(report.get("complete").asBoolean()).isFalse();
            boolean named = !report.get("failed").isEmpty() || report.get("stopped").asText().contains(bigLog + " line ")
                    || report.get("stopped").asText().contains("could not count");
            assertThat(named).as("the report names what did not arrive: " + report).isTrue();
            assertThat(report.get("written").asLong()).isLessThanOrEqualTo(local);
        }
        pushing.close();
    }
}
