package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recording saved in two forms — the ftrace text and its {@code trace-cmd report}, or the
 * blk tracer's two forms, as a capture folder often holds — must count its requests once. A
 * device's requests are grouped by the file they came from; a file whose requests span mostly
 * the same time as a file already taken is another view of that recording and is set aside (the
 * file with the most requests is taken first). Files of different times (one run, then another)
 * are all taken.
 *
 * @param requests the requests counted
 * @param setAside each file set aside, with the file it repeats
 */
public record SameRecording(List<BlockRequest> requests, Map<String, String> setAside) {

    /** A file's share of its span that another's may cover before it counts as the same recording. */
    private static final double SAME = 0.5;

    /** Of one device's requests. */
    public static SameRecording of(List<BlockRequest> rs) {
        Map<String, List<BlockRequest>> bySource = new LinkedHashMap<>();
        for (BlockRequest r : rs) {
            bySource.computeIfAbsent(r.at().source(), k -> new ArrayList<>()).add(r);
        }
        if (bySource.size() < 2) {
            return new SameRecording(rs, Map.of());
        }
        List<Map.Entry<String, List<BlockRequest>>> files = new ArrayList<>(bySource.entrySet());
        files.sort(Comparator.comparingInt((Map.Entry<String, List<BlockRequest>> e) -> -e.getValue().size()));
        List<BlockRequest> kept = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, String> aside = new LinkedHashMap<>();
        for (Map.Entry<String, List<BlockRequest>> f : files) {
            double[] span = span(f.getValue());
            String repeats = null;
            for (int i = 0; i < spans.size() && repeats == null; i++) {
                double overlap = Math.min(span[1], spans.get(i)[1]) - Math.max(span[0], spans.get(i)[0]);
                if (overlap >= SAME * Math.max(span[1] - span[0], 1e-9)) {
                    repeats = names.get(i);
                }
            }
            if (repeats != null) {
                aside.put(f.getKey(), repeats);
            } else {
                kept.addAll(f.getValue());
                spans.add(span);
                names.add(f.getKey());
            }
        }
        return new SameRecording(kept, aside);
    }

    private static double[] span(List<BlockRequest> rs) {
        double from = Double.MAX_VALUE;
        double to = -Double.MAX_VALUE;
        for (BlockRequest r : rs) {
            double s = r.start();
            double e = r.completed() != null ? r.completed() : r.issued() != null ? r.issued() : s;
            if (!Double.isNaN(s)) {
                from = Math.min(from, s);
                to = Math.max(to, e);
            }
        }
        return new double[] {from, to};
    }
}
