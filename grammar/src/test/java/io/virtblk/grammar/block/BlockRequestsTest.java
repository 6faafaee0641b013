package io.virtblk.grammar.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.event.BlockEvent;
import io.virtblk.event.BlockRequest;
import io.virtblk.event.Origin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16, point 2: block events paired into requests as btt pairs them. */
class BlockRequestsTest {

    private final List<BlockRequest> out = new ArrayList<>();
    private final BlockRequests pairing = new BlockRequests("t.trace", out::add);
    private int line;

    private void e(double time, String action, String rwbs, long sector, int sectors, String who) {
        line++;
        String tracepoint = BlockActions.tracepoint(action);
        boolean completes = "C".equals(action);
        pairing.accept(new BlockEvent(Origin.of("t.trace", line), "line " + line, "ftrace", time, "fio", 100, 0, tracepoint, action, "7:0", rwbs,
                sector, sectors, null, completes ? null : who, completes ? Integer.valueOf(who) : null, null, "line " + line));
    }

    @Test
    void aRequestFromQueueToCompletionHasEveryWait() {
        e(1.000, "Q", "W", 8, 8, "fio");
        e(1.001, "G", "W", 8, 8, "fio");
        e(1.003, "I", "W", 8, 8, "fio");
        e(1.006, "D", "W", 8, 8, "fio");
        e(1.010, "C", "W", 8, 8, "0");
        pairing.finish();
        assertThat(out).hasSize(1);
        BlockRequest r = out.get(0);
        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.at()).isEqualTo(new Origin("t.trace", 1, 5));
        assertThat(r.raw()).as("the line it began with; the others are its events'").isEqualTo("line 1");
        assertThat(r.q2g()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.g2i()).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.i2d()).isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.d2c()).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.q2c()).isCloseTo(0.010, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.comm()).isEqualTo("fio");
        assertThat(r.error()).isZero();
        assertThat(r.bytes()).isEqualTo(4096);
    }

    @Test
    void biosMergedWithoutAMergeEventAreFoldedIntoTheRequestTheDeviceWasGiven() {
        // block_bio_backmerge not recorded: three sequential 4 KiB bios, one request of 12 KiB issued
        e(1.000, "Q", "W", 800, 8, "fio");
        e(1.000, "G", "W", 800, 8, "fio");
        e(1.001, "Q", "W", 808, 8, "fio");
        e(1.002, "Q", "W", 816, 8, "fio");
        e(1.003, "D", "W", 800, 24, "fio");
        e(1.010, "C", "W", 800, 24, "0");
        pairing.finish();
        assertThat(out).as("no bio left queued as if the device never got it").hasSize(1);
        BlockRequest r = out.get(0);
        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.sectors()).isEqualTo(24);
        assertThat(r.bytes()).isEqualTo(12288);
        assertThat(r.merges()).isEqualTo(2);
    }

    @Test
    void aRequestCompletedInPartsIsReportedWhole() {
        e(1.000, "Q", "R", 4000, 64, "fio");
        e(1.000, "G", "R", 4000, 64, "fio");
        e(1.001, "D", "R", 4000, 64, "fio");
        e(1.004, "C", "R", 4000, 32, "0");
        e(1.009, "C", "R", 4032, 32, "0");
        pairing.finish();
        assertThat(out).hasSize(1);
        BlockRequest r = out.get(0);
        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.sector()).as("where it began, not where its last part lay").isEqualTo(4000);
        assertThat(r.sectors()).isEqualTo(64);
        assertThat(r.bytes()).isEqualTo(32768);
        assertThat(r.completed()).isEqualTo(1.009);
    }

    @Test
    void anEmptyFlushAndADataRequestAtSectorZeroAreNotTakenForEachOther() {
        e(1.000, "D", "FF", 0, 0, "kworker");
        e(1.001, "G", "R", 0, 8, "fio");
        e(1.002, "D", "R", 0, 8, "fio");
        e(1.003, "C", "R", 0, 8, "0");
        e(1.020, "C", "FF", 0, 0, "0");
        pairing.finish();
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(r -> assertThat(r.state()).isEqualTo("completed"));
        BlockRequest data = out.stream().filter(r -> r.sectors() == 8).findFirst().orElseThrow();
        assertThat(data.issued()).isEqualTo(1.002);
        assertThat(data.completed()).isEqualTo(1.003);
        BlockRequest flush = out.stream().filter(r -> r.sectors() == 0).findFirst().orElseThrow();
        assertThat(flush.completed()).as("the flush took its own 19 ms").isEqualTo(1.020);
    }

    @Test
    void twoRequestsAtOneSectorGoOldestFirst() {
        e(1.0, "Q", "R", 64, 8, "fio");
        e(1.0, "G", "R", 64, 8, "fio");
        e(1.0, "D", "R", 64, 8, "fio");
        e(1.1, "Q", "W", 64, 8, "fio");
        e(1.1, "G", "W", 64, 8, "fio");
        e(1.1, "D", "W", 64, 8, "fio");
        e(1.2, "C", "R", 64, 8, "0");
        e(1.5, "C", "W", 64, 8, "0");
        pairing.finish();
        assertThat(out).extracting(BlockRequest::rwbs).containsExactly("R", "W");
        assertThat(out.get(0).d2c()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(out.get(1).d2c()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void whatNeverCompletedIsHandedOnAtTheEndOldestFirst() {
        e(2.0, "Q", "R", 16, 8, "fio");          // waits for a tag for good
        e(1.0, "Q", "W", 32, 8, "fio");
        e(1.0, "G", "W", 32, 8, "fio");
        e(1.1, "D", "W", 32, 8, "fio");          // issued, never completed
        pairing.finish();
        assertThat(out).extracting(BlockRequest::state).containsExactly("in-flight", "queued");
        assertThat(out.get(1).queued()).isEqualTo(2.0);
        assertThat(out.get(1).gotRequest()).isNull();
    }

    @Test
    void mergesRequeuesAndPartialCompletionsStayOneRequest() {
        e(1.0, "Q", "W", 100, 8, "fio");
        e(1.0, "G", "W", 100, 8, "fio");
        e(1.0, "Q", "W", 108, 8, "fio");
        e(1.0, "M", "W", 108, 8, "fio");         // back merge: 100+16 now
        e(1.1, "D", "W", 100, 16, "fio");
        e(1.2, "R", "W", 100, 16, "fio");
        e(1.3, "D", "W", 100, 16, "fio");
        e(1.4, "C", "W", 100, 8, "0");           // the first half
        e(1.5, "C", "W", 108, 8, "0");           // the rest
        pairing.finish();
        assertThat(out).hasSize(1);
        BlockRequest r = out.get(0);
        assertThat(r.merges()).isEqualTo(1);
        assertThat(r.requeues()).isEqualTo(1);
        assertThat(r.completed()).isEqualTo(1.5);
        assertThat(r.issued()).as("D2C counts from the last issue").isEqualTo(1.3);
        assertThat(r.firstIssued()).isEqualTo(1.1);
    }

    @Test
    void aRequestIssuedDirectlyAndInsertedOnlyOnItsRequeueHasNoInsertWait() {
        // blk-mq's direct issue shows no insert; its requeue path inserts
        e(1.998, "Q", "W", 640, 8, "fio");
        e(1.999, "G", "W", 640, 8, "fio");
        e(2.000, "D", "W", 640, 8, "fio");
        e(2.040, "R", "W", 640, 8, "fio");
        e(2.050, "I", "W", 640, 8, "fio");
        e(2.060, "D", "W", 640, 8, "fio");
        e(2.065, "C", "W", 640, 8, "0");
        pairing.finish();
        BlockRequest r = out.get(0);
        org.assertj.core.data.Offset<Double> us = org.assertj.core.data.Offset.offset(1e-9);
        assertThat(r.inserted()).as("the insert after the requeue is not a first insert").isNull();
        assertThat(r.g2i()).isNull();
        assertThat(r.i2d()).isNull();
        assertThat(r.requeueTime()).isCloseTo(0.060, us);
        assertThat(r.d2c()).isCloseTo(0.005, us);
        assertThat(r.q2g() + r.requeueTime() + r.d2c() + (r.firstIssued() - r.gotRequest())).isCloseTo(r.q2c(), us);
    }

    @Test
    void aRequeuedRequestsWaitsAreEachCountedOnceInTheStepTheyBelongTo() {
        e(2.000, "Q", "R", 64, 8, "fio");
        e(2.001, "G", "R", 64, 8, "fio");
        e(2.003, "I", "R", 64, 8, "fio");
        e(2.006, "D", "R", 64, 8, "fio");
        e(2.050, "R", "R", 64, 8, "fio");        // the device gave it back after 44 ms
        e(2.060, "I", "R", 64, 8, "fio");        // inserted again
        e(2.070, "D", "R", 64, 8, "fio");
        e(2.075, "C", "R", 64, 8, "0");
        pairing.finish();
        assertThat(out).hasSize(1);
        BlockRequest r = out.get(0);
        org.assertj.core.data.Offset<Double> us = org.assertj.core.data.Offset.offset(1e-9);
        assertThat(r.g2i()).as("got a request to its first insert, not to the insert after the requeue").isCloseTo(0.002, us);
        assertThat(r.i2d()).as("first insert to first issue").isCloseTo(0.003, us);
        assertThat(r.requeueTime()).as("first issue to the issue that completed").isCloseTo(0.064, us);
        assertThat(r.d2c()).isCloseTo(0.005, us);
        assertThat(r.q2g() + r.g2i() + r.i2d() + r.requeueTime() + r.d2c()).as("the steps add up to Q2C").isCloseTo(r.q2c(), us);
        assertThat(r.requeues()).isEqualTo(1);
    }

    @Test
    void aStepWhoseBeginningTheTraceMissedStartsARequest() {
        e(5.0, "C", "R", 640, 8, "-5");
        pairing.finish();
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.completed()).isEqualTo(5.0);
            assertThat(r.issued()).isNull();
            assertThat(r.error()).isEqualTo(-5);
            assertThat(r.state()).isEqualTo("completed");
        });
    }
}
