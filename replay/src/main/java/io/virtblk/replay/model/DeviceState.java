package io.virtblk.replay.model;

import io.virtblk.replay.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simulated device at one moment, as every block driver has it: the sessions that have it
 * open, the submitters and the I/Os each still has to get done, the request queue, and where the
 * replay stalled. A model keeps its own parts (locks, flags, workers) in a subclass it makes in
 * {@link DeviceModel#start()}. Mutable; the simulator checks the invariants after every step and
 * {@link #describe()} prints the state for {@code replay --step}.
 */
public class DeviceState {

    private double now;
    private final Set<Integer> open = new LinkedHashSet<>();
    /** Submitting sessions and the I/Os each still has to get done, in the order the worker serves them. */
    private final Map<Integer, Long> submitters = new LinkedHashMap<>();
    private final Map<Integer, Double> finishedAt = new LinkedHashMap<>();
    private long submitted;
    private long completed;
    private long queueDepth;
    private TraceEvent stallEvent;
    private String stallHazard;

    public double now() {
        return now;
    }

    /** Moves the device's clock (seconds on the trace's clock). */
    public void now(double seconds) {
        now = seconds;
    }

    /** The sessions that have the device open. */
    public Set<Integer> open() {
        return open;
    }

    /** Submitting sessions and the I/Os each still has to get done. */
    public Map<Integer, Long> submitters() {
        return submitters;
    }

    /** When each session's I/O was done (or the session released). */
    public Map<Integer, Double> finishedAt() {
        return finishedAt;
    }

    public long submitted() {
        return submitted;
    }

    public long completed() {
        return completed;
    }

    public long queueDepth() {
        return queueDepth;
    }

    /**
     * {@code session} released the device. I/Os of it the model still counted as queued are taken as
     * done: fio released before the model thought its I/O done, and the trace is the truth.
     */
    public void release(int session) {
        open.remove(session);
        Long left = submitters.remove(session);
        if (left != null && left > 0) {
            settle(left);
        }
        finishedAt.putIfAbsent(session, now);
    }

    /** {@code session} starts I/O: {@code ios} requests are queued for it. */
    public void submit(int session, long ios) {
        submitters.put(session, ios);
        queue(ios);
    }

    /** {@code ios} requests of no session are queued: a block trace's, whose requests carry no session. */
    public void queue(long ios) {
        submitted += ios;
        queueDepth += ios;
    }

    /** The worker ended {@code ios} queued requests. */
    public void complete(long ios) {
        completed += ios;
        queueDepth -= ios;
    }

    /** {@code ios} requests still counted as queued are taken as done. */
    private void settle(long ios) {
        completed += ios;
        queueDepth = Math.max(0, queueDepth - ios);
    }

    /** The device stops completing requests at {@code at}, because of {@code hazard} (the driver's id for it). */
    public void stall(TraceEvent at, String hazard) {
        stallEvent = at;
        stallHazard = hazard;
    }

    public boolean stalled() {
        return stallEvent != null;
    }

    public TraceEvent stallEvent() {
        return stallEvent;
    }

    public String stallHazard() {
        return stallHazard;
    }

    /** Checked after every step; a violation is a bug in the model, so it fails loudly. Models add their own. */
    protected void checkInvariants() {
        if (queueDepth < 0) {
            throw new IllegalStateException("queue depth went negative: " + queueDepth);
        }
        if (completed > submitted) {
            throw new IllegalStateException("more requests completed (" + completed + ") than submitted (" + submitted + ")");
        }
        for (long left : submitters.values()) {
            if (left < 0) {
                throw new IllegalStateException("a session completed a request twice");
            }
        }
    }

    /** The model's own parts of the state, for {@link #describe()}: {@code key=value} words, or empty. */
    protected String describeDevice() {
        return "";
    }

    /** The sessions' part of {@link #describe()}: who has the device open and who submits; empty for a model whose requests have no sessions. */
    protected String describeSessions() {
        return " open=" + open + " submitters=" + submitters;
    }

    public final String describe() {
        String device = describeDevice();
        return String.format("t=%.6f%s queue=%d done=%d/%d%s%s", now, describeSessions(), queueDepth, completed, submitted,
                device.isEmpty() ? "" : " " + device, stallEvent == null ? "" : " STALLED at line " + stallEvent.line() + " (" + stallHazard + ")");
    }
}
