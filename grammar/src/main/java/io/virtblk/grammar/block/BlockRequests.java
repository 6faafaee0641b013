package io.virtblk.grammar.block;

import io.virtblk.event.BlockEvent;
import io.virtblk.event.BlockRequest;
import io.virtblk.event.Origin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Pairs block events into request lifecycles, the way btt does: a bio queued (Q) waits at its
 * device and sector until a request is got for it (G); the request is then followed by device and
 * sector through insert (I), issue (D), requeues (R) and completion (C). Where the trace shows
 * several at one sector, the oldest goes first. A request is handed on when it completes; what
 * never completed is handed on at {@link #finish()}, oldest first, so a stall's stuck requests
 * are in the store as {@code in-flight} or {@code queued}.
 *
 * <p>Merges (M, F) fold a bio into the request that ends (or begins) where it begins (ends);
 * a split (X) shortens the bio it was cut from; a partial completion moves the request on to its
 * remaining sectors. A step whose request the trace never showed the beginning of (it began before
 * tracing did) starts one from that step.
 */
public final class BlockRequests {

    private record Key(String dev, long sector) {
    }

    /** One request or bio being followed, with the lines of its events. */
    private static final class Pending {
        final String dev;
        final String format;
        int firstLine;
        int lastLine;
        /** The line it began with: its other lines are its events'. */
        String raw;
        String rwbs;
        long sector;
        Integer sectors;
        /** The extent before a first partial completion (sector, sectors); {@code sector}/{@code sectors} are then what is left. */
        long[] whole;
        Long bytes;
        String comm;
        Integer pid;
        Double queued, gotRequest, inserted, issued, completed;
        /** The first issue, once it has been issued again after a requeue. */
        Double firstIssued;
        Integer error;
        int requeues;
        int merges;
        /** Given back by the device and not issued again yet. */
        boolean requeued;

        Pending(BlockEvent e) {
            dev = e.dev();
            format = e.format();
            firstLine = e.at().line();
            sector = e.sector() == null ? 0 : e.sector();
            sectors = e.sectors();
            rwbs = e.rwbs();
        }

        void add(BlockEvent e) {
            if (raw == null || e.at().line() < firstLine) {
                raw = e.raw();
            }
            lastLine = Math.max(lastLine, e.at().endLine());
            firstLine = Math.min(firstLine, e.at().line());
            if (comm == null && e.comm() != null) {
                comm = e.comm();
                pid = e.pid();
            }
            if (e.bytes() != null) {
                bytes = e.bytes();
            }
            if (sectors == null && e.sectors() != null) {
                sectors = e.sectors();
            }
        }

        BlockRequest request(String source) {
            // a request completed in parts is reported whole: where it began and all it held
            long at = whole != null ? whole[0] : sector;
            Integer n = whole != null ? Integer.valueOf((int) whole[1]) : sectors;
            Long size = bytes != null ? bytes : n == null ? null : n * 512L;
            return new BlockRequest(new Origin(source, firstLine, Math.max(firstLine, lastLine)), raw, format, dev, rwbs, at,
                    n, size, comm, pid, queued, gotRequest, inserted, issued, completed, error, requeues, merges, firstIssued);
        }

        double start() {
            return queued != null ? queued : gotRequest != null ? gotRequest : inserted != null ? inserted : issued != null ? issued
                    : completed != null ? completed : Double.MAX_VALUE;
        }
    }

    private final String source;
    private final Consumer<BlockRequest> out;
    /** Bios queued and not yet given a request. */
    private final Map<Key, ArrayDeque<Pending>> bios = new HashMap<>();
    /** Requests got and not yet completed, by their first sector. */
    private final Map<Key, ArrayDeque<Pending>> requests = new HashMap<>();
    /** The same requests by the sector after their last, for back merges. */
    private final Map<Key, ArrayDeque<Pending>> ends = new HashMap<>();

    public BlockRequests(String source, Consumer<BlockRequest> out) {
        this.source = source;
        this.out = out;
    }

    public void accept(BlockEvent e) {
        if (e.dev() == null || e.action() == null) {
            return;
        }
        long at;
        if (e.sector() != null) {
            at = e.sector();
        } else if (!Integer.valueOf(0).equals(e.sectors())) {
            return;
        } else if ("C".equals(e.action())) {
            emptyCompletion(new Key(e.dev(), 0), e);
            return;
        } else {
            at = 0; // the blk tracer prints an empty request (a flush) with no sector; the tracepoints put it at 0 + 0
        }
        Key key = new Key(e.dev(), at);
        switch (e.action()) {
            case "Q" -> {
                Pending bio = new Pending(e);
                bio.queued = e.time();
                bio.add(e);
                push(bios, key, bio);
            }
            case "G" -> {
                Pending r = take(bios, key);
                if (r == null) {
                    r = new Pending(e);
                }
                r.gotRequest = e.time();
                r.add(e);
                track(r);
            }
            case "I" -> {
                // inserted again after a requeue: G2I stays the wait for the first insert; a request issued
                // directly (blk-mq, no insert) and inserted only on its requeue had no scheduler time before
                // its first issue: that insert is part of its requeue (request.requeue_us), not its I2D
                Pending r = found(key, e, p -> p.inserted == null || p.requeued, true);
                if (r.inserted == null && r.issued == null) {
                    r.inserted = e.time();
                }
            }
            case "D" -> {
                Pending r = found(key, e, p -> p.issued == null || p.requeued, true);
                foldUnnamedMerges(r, e);
                if (r.requeued && r.firstIssued == null) {
                    r.firstIssued = r.issued;
                }
                r.issued = e.time();
                r.requeued = false;
            }
            case "R" -> {
                Pending r = found(key, e, p -> p.issued != null && !p.requeued, false);
                r.requeues++;
                r.requeued = true;
            }
            case "C" -> complete(key, e);
            case "M", "F" -> merge(key, e);
            case "X" -> split(key, e);
            default -> {
                // plugs, remaps, bounces and messages are no step of one request
            }
        }
    }

    /** Hands on every request that did not complete, oldest first; queued bios that never got one too. */
    public void finish() {
        List<Pending> left = new ArrayList<>();
        requests.values().forEach(left::addAll);
        bios.values().forEach(left::addAll);
        left.sort(Comparator.comparingDouble(Pending::start).thenComparingInt(p -> p.firstLine));
        requests.clear();
        ends.clear();
        bios.clear();
        for (Pending p : left) {
            out.accept(p.request(source));
        }
    }

    /**
     * The oldest request at the event's sector that is ready for this step, started from this
     * event when the trace never showed its beginning.
     */
    private Pending found(Key key, BlockEvent e, Predicate<Pending> ready, boolean strict) {
        Pending r = strict ? ready(requests, key, ready) : first(requests, key, ready);
        if (r == null) {
            // no G in the trace (a legacy queue, or a filter without block_getrq): the bio is the request
            r = take(bios, key);
            if (r == null) {
                r = new Pending(e);
            }
            track(r);
        }
        return step(r, e);
    }

    /** The event is a step of {@code r}: its lines, its size and who issued it, and its operation unless a flush's "N". */
    private static Pending step(Pending r, BlockEvent e) {
        r.add(e);
        if (e.rwbs() != null && !"N".equals(e.rwbs())) {
            r.rwbs = e.rwbs();
        }
        return r;
    }

    /** The event completes {@code r}: it leaves the pending and is handed on. */
    private void close(Pending r, BlockEvent e) {
        r.error = e.error();
        r.completed = e.time();
        untrack(r);
        out.accept(r.request(source));
    }

    private void complete(Key key, BlockEvent e) {
        if ("block_rq_error".equals(e.tracepoint())) {
            return; // the kernel traces it beside the completion, which carries the same error
        }
        if (Integer.valueOf(0).equals(e.sectors())) {
            emptyCompletion(key, e);
            return;
        }
        // data completes a request that holds data: an empty flush issued at 0 + 0 is not the data request at sector 0
        boolean data = e.sectors() != null && e.sectors() > 0;
        Predicate<Pending> issued = p -> p.issued != null && !p.requeued && !(data && Integer.valueOf(0).equals(p.sectors));
        Pending r = first(requests, key, issued);
        if (r == null && !"block_rq_complete".equals(e.tracepoint())) {
            // a bio-based device (dm, md) completes bios, not requests
            Pending bio = take(bios, key);
            if (bio != null) {
                bio.add(e);
                close(bio, e);
                return;
            }
        }
        r = r != null ? step(r, e) : found(key, e, issued, false);
        if (e.sectors() != null && r.sectors != null && e.sectors() > 0 && e.sectors() < r.sectors) {
            // a partial completion: the rest of the request goes on from the next sector
            r.error = e.error();
            untrack(r);
            if (r.whole == null) {
                r.whole = new long[] {r.sector, r.sectors};
            }
            r.sector += e.sectors();
            r.sectors -= e.sectors();
            track(r);
            return;
        }
        close(r, e);
    }

    /**
     * A completion of no sectors: an empty flush's (issued at 0 + 0, completed at no sector), or
     * the one that ends the flush sequence of a FUA or preflush write whose data completed
     * already. Only the first completes a request; the second is a step of one already handed on.
     */
    private void emptyCompletion(Key key, BlockEvent e) {
        Pending r = ready(requests, key, p -> p.issued != null && !p.requeued && Integer.valueOf(0).equals(p.sectors));
        if (r != null) {
            r.add(e);
            close(r, e);
        }
    }

    private void merge(Key key, BlockEvent e) {
        if ("block_rq_merge".equals(e.tracepoint())) {
            // a request (not a bio) merged into another: it leaves, what it carried is the other's now
            Pending gone = ready(requests, key, p -> p.issued == null);
            if (gone != null) {
                untrack(gone);
            }
        }
        Pending bio = take(bios, key);
        int n = e.sectors() == null ? 0 : e.sectors();
        Pending into = "M".equals(e.action()) ? peek(ends, key) : peek(requests, new Key(e.dev(), e.sector() + n));
        if (into == null) {
            return;
        }
        untrack(into);
        if ("F".equals(e.action())) {
            into.sector = e.sector();
        }
        if (into.sectors != null) {
            into.sectors += n;
        }
        if (into.bytes != null) {
            into.bytes += n * 512L;
        }
        into.merges++;
        into.add(e);
        if (bio != null && into.queued == null) {
            into.queued = bio.queued;
        }
        track(into);
    }

    /**
     * The device is given more than the request was known to hold: bios were merged into its back
     * without a merge event in the trace (block_bio_backmerge not recorded). The bios queued inside
     * the issued extent are folded into it — not left queued forever, as if the device never got
     * them — and the request takes the size the device was given.
     */
    private void foldUnnamedMerges(Pending r, BlockEvent e) {
        if (e.sectors() == null || r.sectors == null || r.sectors <= 0 || e.sectors() <= r.sectors || e.sector() == null
                || e.sector() != r.sector) {
            return;
        }
        untrack(r);
        long end = r.sector + e.sectors();
        for (long at = r.sector + r.sectors; at < end; ) {
            Pending bio = take(bios, new Key(r.dev, at));
            if (bio == null) {
                at++;
                continue;
            }
            r.merges++;
            r.firstLine = Math.min(r.firstLine, bio.firstLine);
            r.lastLine = Math.max(r.lastLine, bio.lastLine);
            at += bio.sectors != null && bio.sectors > 0 ? bio.sectors : 1;
        }
        if (r.bytes != null) {
            r.bytes += (e.sectors() - r.sectors) * 512L;
        }
        r.sectors = e.sectors();
        track(r);
    }

    private void split(Key key, BlockEvent e) {
        Pending bio = peek(bios, key);
        if (bio == null || e.detail() == null || !e.detail().startsWith("new sector ")) {
            return;
        }
        String rest = e.detail().substring("new sector ".length());
        int end = rest.indexOf(';');
        long newSector = Long.parseLong(end < 0 ? rest : rest.substring(0, end));
        if (newSector > bio.sector) {
            bio.sectors = (int) (newSector - bio.sector);
        }
        bio.add(e);
    }

    private void track(Pending r) {
        push(requests, new Key(r.dev, r.sector), r);
        if (r.sectors != null) {
            push(ends, new Key(r.dev, r.sector + r.sectors), r);
        }
    }

    private void untrack(Pending r) {
        remove(requests, new Key(r.dev, r.sector), r);
        if (r.sectors != null) {
            remove(ends, new Key(r.dev, r.sector + r.sectors), r);
        }
    }

    private static void push(Map<Key, ArrayDeque<Pending>> map, Key key, Pending p) {
        map.computeIfAbsent(key, k -> new ArrayDeque<>(2)).addLast(p);
    }

    private static Pending peek(Map<Key, ArrayDeque<Pending>> map, Key key) {
        ArrayDeque<Pending> q = map.get(key);
        return q == null ? null : q.peekFirst();
    }

    /** The oldest at the key that is ready; null when none is (a step of a request the trace never showed begin). */
    private static Pending ready(Map<Key, ArrayDeque<Pending>> map, Key key, Predicate<Pending> ready) {
        ArrayDeque<Pending> q = map.get(key);
        if (q != null) {
            for (Pending p : q) {
                if (ready.test(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The oldest at the key that is ready, else the oldest at all. */
    private static Pending first(Map<Key, ArrayDeque<Pending>> map, Key key, Predicate<Pending> ready) {
        ArrayDeque<Pending> q = map.get(key);
        if (q == null) {
            return null;
        }
        for (Pending p : q) {
            if (ready.test(p)) {
                return p;
            }
        }
        return q.peekFirst();
    }

    private static Pending take(Map<Key, ArrayDeque<Pending>> map, Key key) {
        ArrayDeque<Pending> q = map.get(key);
        if (q == null) {
            return null;
        }
        Pending p = q.pollFirst();
        if (q.isEmpty()) {
            map.remove(key);
        }
        return p;
    }

    private static void remove(Map<Key, ArrayDeque<Pending>> map, Key key, Pending p) {
        ArrayDeque<Pending> q = map.get(key);
        if (q != null) {
            q.remove(p);
            if (q.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
