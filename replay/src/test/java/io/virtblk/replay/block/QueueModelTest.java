package io.virtblk.replay.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.virtblk.event.BlockRequest;
import io.virtblk.event.Origin;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.model.DeviceModel;
import io.virtblk.replay.model.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16, point 4: the generic queue is a {@link DeviceModel} the simulator steps like a driver's, one request's arrival at a time. */
class QueueModelTest {

    private static BlockRequest req(long sector, double queued, Double completed) {
        return new BlockRequest(Origin.of("t", (int) sector), "", "ftrace", "7:0", "R", sector, 8, 4096L, "fio", 10, queued, queued, null,
                queued, completed, completed == null ? null : 0, 0, 0);
    }

    private static final Calibration ONE_MS = new Calibration(0.001, 1, "1 ms a request");

    @Test
    void requestsWaitForAFreeTagAndAreDueOneServiceTimeAfterTheyGetOne() {
        // two tags, four requests at once: two are due at 1 ms, two wait for them and are due at 2 ms
        List<BlockRequest> rs = List.of(req(1, 0, 0.001), req(2, 0, 0.001), req(3, 0, 0.002), req(4, 0, 0.002), req(5, 0.010, 0.011));
        QueueModel model = new QueueModel(2, 0.5, 1.0);
        Simulator.Replay replay = Simulator.run(model, QueueModel.arrivals(rs), Map.of(), ONE_MS, true);
        assertThat(replay.model()).isEqualTo("queue");
        assertThat(model.driver().name()).isEqualTo("block");
        assertThat(model.driver().models()).containsExactly(model);
        assertThat(replay.steps()).hasSize(5);
        assertThat(replay.steps().get(3).state()).contains("queue=4", "in_service=2/2 waiting=2");
        // by the fifth arrival (10 ms) the model had completed the first four
        assertThat(replay.steps().get(4).state()).contains("queue=1", "done=4/5");
        assertThat(replay.end().stalled()).isFalse();
        assertThat(replay.end().completed()).isEqualTo(5);
        assertThat(replay.end().queueDepth()).isZero();
    }

    @Test
    void theFirstRequestBackLaterThanDuePlusTheBoundIsWhereTheReplayStalls() {
        List<BlockRequest> rs = List.of(req(1, 0, 0.001), req(2, 0.1, 3.0), req(3, 0.2, null), req(4, 0.3, 0.301));
        QueueModel model = new QueueModel(4, 1.0, 5.0);
        Simulator.Replay replay = Simulator.run(model, QueueModel.arrivals(rs), Map.of(), ONE_MS, true);
        assertThat(replay.end().stalled()).isTrue();
        assertThat(replay.end().stallHazard()).isEqualTo(QueueModel.OVERDUE);
        assertThat(replay.end().stallEvent().line()).isEqualTo(2);
        assertThat(replay.steps().get(1).state()).contains("STALLED at line 2 (OVERDUE)", "first_overdue=2+8");
    }

    @Test
    void theReplayGivesTheStallPointTheHealthyFinishAndTheTimeTheLateRequestsHeld() {
        // healthy pace 1 ms (the median D2C outside the stall); 2 came back at 3.0 (due 0.101), 3 never (due 0.201, trace ends at 5.0)
        List<BlockRequest> rs = List.of(req(1, 0, 0.001), req(2, 0.1, 3.0), req(3, 0.2, null), req(4, 0.3, 0.301), req(6, 0.4, 0.401));
        QueueReplay q = QueueModel.replay(rs, 4, List.of(new Stall(0.1, 5.0, 4.9, List.of(), List.of(), List.of())), 1.0, 5.0);
        assertThat(q.serviceSeconds()).isEqualTo(0.001, offset(1e-12));
        assertThat(q.firstOverdue().sector()).isEqualTo(2L);
        assertThat(q.due()).isEqualTo(0.101, offset(1e-9));
        assertThat(q.overdueSeconds()).isEqualTo(3.0 - 0.101, offset(1e-9));
        assertThat(q.healthyFinish()).isEqualTo(0.401, offset(1e-9));
        assertThat(q.actualFinish()).isEqualTo(3.0, offset(1e-9));
        // [0.101, 3.0] and [0.201, 5.0] overlap: 0.101 to 5.0, counted once
        assertThat(q.lostSeconds()).isEqualTo(5.0 - 0.101, offset(1e-9));
    }

    @Test
    void aDeviceNotJudgedStalledIsSteppedWithNoStallHoweverLateTheModelTimedARequest() {
        // reads every 10 ms taking 1 ms, and one 3 s flush the device completes while it goes on completing reads:
        // healthy, so replay --step must not say STALLED on its lines (the model alone would: the flush was 3 s past due)
        List<BlockRequest> rs = new java.util.ArrayList<>();
        long sector = 1000;
        for (double t = 10; t < 15; t += 0.01) {
            rs.add(req(sector += 8, t, t + 0.001));
        }
        rs.add(new BlockRequest(Origin.of("t", 9999), "", "ftrace", "7:0", "FWS", 0L, 0, 0L, "jbd2", 11, 11.0, 11.0, null, 11.0, 14.0, 0, 0, 0));
        DeviceDiagnosis d = BlockDiagnoser.diagnose(rs, List.of(), List.of()).get(0);
        assertThat(d.verdict()).isEqualTo(BlockVerdict.HEALTHY);
        List<Simulator.Step> steps = QueueModel.steps(d);
        assertThat(steps).hasSize(rs.size());
        assertThat(steps).noneMatch(s -> s.state().contains("STALLED"));
    }

    @Test
    void aLateRequestStillOutWhenTheTraceEndsHoldsTheWorkloadToTheEnd() {
        // the last span of late requests is counted when the replay finishes, whatever its end
        List<BlockRequest> rs = List.of(req(1, 1.0, null));
        QueueReplay q = QueueModel.replay(rs, 1, List.of(), 1.0, Double.MAX_VALUE);
        assertThat(q.firstOverdue().sector()).isEqualTo(1L);
        assertThat(q.lostSeconds()).isEqualTo(Double.MAX_VALUE - 1.0);
    }
}
