package io.virtblk.shell.replay;

import io.virtblk.event.BlockRequest;
import io.virtblk.replay.block.SameRecording;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code requests [--device D] [--state S] [--slowest] [--limit N] [--json]}: the block requests
 * paired from the loaded traces, one line each with its waits (btt's Q2G, G2I, I2D, D2C, Q2C), in
 * time order or slowest first. The same requests are documents in the store, so
 * {@code query type:request AND request.d2c_us:[1000000 TO *]} and {@code stats type:request --by block.dev} work too.
 */
public final class RequestsCommand implements Command {

    private static final int DEFAULT_LIMIT = 50;

    @Override
    public String name() {
        return "requests";
    }

    @Override
    public String synopsis() {
        return "requests [--device D] [--state completed|in-flight|queued] [--slowest] [--limit N] [--json]";
    }

    @Override
    public String summary() {
        return "the block requests paired from the loaded traces, with their Q2G, G2I, I2D, D2C and Q2C times";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json", "--slowest"), Set.of("--device", "--state", "--limit"));
        if (!a.positional().isEmpty()) {
            throw new CommandException("requests: unexpected '" + a.positional().get(0) + "'; name a device with --device, e.g. requests --device 7:0");
        }
        String device = a.option("--device");
        String state = a.option("--state");
        if (state != null && !Set.of("completed", "in-flight", "queued").contains(state)) {
            throw new CommandException("requests: --state takes completed, in-flight or queued, found '" + state + "'");
        }
        int limit = a.intOption(name(), "--limit", a.flag("--json") ? 0 : DEFAULT_LIMIT);
        if (!BlockCase.any(session)) {
            throw new CommandException("requests: no block requests loaded; load a block trace, e.g. load trace.txt");
        }
        List<BlockRequest> all = BlockCase.requests(session);
        // one recording loaded in two forms lists its requests once, as devices counts them
        java.util.Map<String, List<BlockRequest>> byDevice = new java.util.HashMap<>();
        all.forEach(r -> byDevice.computeIfAbsent(r.dev(), k -> new ArrayList<>()).add(r));
        all = byDevice.values().stream().flatMap(one -> SameRecording.of(one).requests().stream()).toList();
        List<BlockRequest> rs = new ArrayList<>();
        java.util.TreeSet<String> devices = new java.util.TreeSet<>();
        for (BlockRequest r : all) {
            devices.add(r.dev());
            if ((device == null || device.equals(r.dev())) && (state == null || state.equals(r.state()))) {
                rs.add(r);
            }
        }
        if (device != null && !devices.contains(device)) {
            throw new CommandException("requests: no device " + device + " in the loaded traces; they have " + String.join(", ", devices));
        }
        Comparator<BlockRequest> order = Comparator.comparingDouble(BlockRequest::start);
        if (a.flag("--slowest")) {
            order = Comparator.comparingDouble(RequestsCommand::took).reversed().thenComparing(order);
        }
        rs.sort(order);
        int shown = limit <= 0 ? rs.size() : Math.min(limit, rs.size());
        if (a.flag("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", rs.size());
            m.put("requests", rs.subList(0, shown).stream().map(BlockView::request).toList());
            Json.write(session.out(), m);
        } else {
            var out = session.out();
            out.printf(Locale.ROOT, "%-7s %-4s %-14s %-10s %-16s %-17s %-9s %-9s %-9s %-9s %-9s %s%n", "device", "rwbs", "sector+n", "state", "by",
                    "start", "Q2G", "G2I", "I2D", "D2C", "Q2C", "lines");
            for (BlockRequest r : rs.subList(0, shown)) {
                out.printf(Locale.ROOT, "%-7s %-4s %-14s %-10s %-16s %-17.6f %-9s %-9s %-9s %-9s %-9s %s%n", r.dev(), r.rwbs(), r.sector() + "+" + r.sectors(),
                        r.state(), BlockView.who(r), r.start(), wait(r.q2g()), wait(r.g2i()), wait(r.i2d()), wait(r.d2c()), wait(r.q2c()), r.at());
            }
            if (shown < rs.size()) {
                out.printf("... %d more of %d (--limit 0 shows all; --slowest puts the slowest first)%n", rs.size() - shown, rs.size());
            } else {
                out.printf("%d request(s)%n", rs.size());
            }
        }
        session.out().flush();
    }

    /** How long it took, or has been waiting by its last step: slowest first puts the stuck on top. */
    private static double took(BlockRequest r) {
        if (r.q2c() != null) {
            return r.q2c();
        }
        if (r.d2c() != null) {
            return r.d2c();
        }
        return r.completed() == null ? Double.MAX_VALUE : 0;
    }

    private static String wait(Double s) {
        return s == null ? "-" : BlockView.us(Math.round(s * 1e6));
    }
}
