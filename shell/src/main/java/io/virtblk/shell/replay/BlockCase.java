package io.virtblk.shell.replay;

import io.virtblk.event.BlockRequest;
import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.Origin;
import io.virtblk.replay.block.BlockDiagnoser;
import io.virtblk.replay.block.DeviceDiagnosis;
import io.virtblk.replay.block.FioJob;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything loaded, taken as one case on one clock: the block requests of every trace, the
 * kernel's reports of every log and the fio jobs of every fio output, so that a hung task in
 * dmesg.txt and fio's pid in fio-output.txt meet the requests of ftrace.txt.
 */
public final class BlockCase {

    private BlockCase() {
    }

    /** True when some loaded source holds block requests. */
    public static boolean any(Session session) {
        try {
            return !session.store().sources().isEmpty() && session.store().count("type:request") > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the loaded source of that name is a block trace: it has requests, not a driver's runs. */
    public static boolean isTrace(Session session, String source) {
        return session.store().summaries().stream()
                .anyMatch(s -> s.name().equals(source) && s.format() == io.virtblk.load.InputFormat.BLOCK_TRACE);
    }

    public static List<DeviceDiagnosis> diagnose(Session session) {
        return BlockDiagnoser.diagnose(requests(session), reports(session), fioJobs(session), end(session));
    }

    /**
     * The case's last moment on the kernel's clock: its latest event of any kind (a trace's
     * last line, other ftrace events included, or the kernel log's): a device that stopped
     * completing near its trace's end has stalled until here. NaN when nothing has that clock.
     */
    private static double end(Session session) {
        try {
            var last = session.store().search("mono:[* TO *]", 1, "mono", true, new long[1]);
            return !last.isEmpty() && last.getFirst().fields().get("mono") instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> REQUEST_FIELDS = List.of("block.dev", "block.rwbs", "block.sector", "block.sectors",
            "block.bytes", "block.comm", "block.pid", "request.queue_time", "request.got_request_time", "request.insert_time",
            "request.issue_time", "request.complete_time", "block.error", "request.requeues", "request.merges", "request.first_issue_time");

    /**
     * Every loaded request, read from its fields: a request is a document of numbers, and a big
     * trace has hundreds of thousands, which no stored JSON need be parsed for.
     */
    static List<BlockRequest> requests(Session session) {
        List<BlockRequest> out = new ArrayList<>();
        try {
            session.store().scan("type:request", REQUEST_FIELDS, java.util.Set.of(), row -> {
                var f = row.fields();
                out.add(new BlockRequest(new Origin(row.source(), row.line(), row.endLine()), "", null,
                        text(f.get("block.dev")), text(f.get("block.rwbs")), whole(f.get("block.sector")), integer(f.get("block.sectors")),
                        whole(f.get("block.bytes")), text(f.get("block.comm")), integer(f.get("block.pid")), decimal(f.get("request.queue_time")),
                        decimal(f.get("request.got_request_time")), decimal(f.get("request.insert_time")), decimal(f.get("request.issue_time")),
                        decimal(f.get("request.complete_time")), integer(f.get("block.error")), count(f.get("request.requeues")),
                        count(f.get("request.merges")), decimal(f.get("request.first_issue_time"))));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Long whole(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    private static int count(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static Double decimal(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static List<KernelEvent.Report> reports(Session session) {
        List<KernelEvent.Report> out = new ArrayList<>();
        for (Event e : kept(session, "type:report")) {
            if (e instanceof KernelEvent.Report r) {
                out.add(r);
            }
        }
        return out;
    }

    /** fio's "JOB: (groupid=0, jobs=1): err= 0: pid=6339" blocks: each job's pid and what it waited per I/O. */
    private static List<FioJob> fioJobs(Session session) {
        List<FioJob> out = new ArrayList<>();
        for (Event e : kept(session, "type:fio_result")) {
            if (e instanceof FioEvent.JobResult j) {
                out.add(fioJob(j));
            }
        }
        return out;
    }

    static FioJob fioJob(FioEvent.JobResult j) {
        double weighted = 0;
        double weights = 0;
        Double p99 = null;
        Double max = null;
        for (FioEvent.DirResult d : j.dirs()) {
            FioEvent.Stat clat = d.clat() != null ? d.clat() : d.lat();
            if (clat == null || clat.avg() == null) {
                continue;
            }
            double w = d.ioBytes() == null || d.ioBytes() <= 0 ? 1 : d.ioBytes();
            weighted += clat.avg() * w;
            weights += w;
            if (clat.max() != null) {
                max = Math.max(max == null ? 0 : max, clat.max() / 1e6);
            }
            Double p = d.clatPercentiles() == null ? null : d.clatPercentiles().get("99.00");
            if (p != null) {
                p99 = Math.max(p99 == null ? 0 : p99, p / 1e6);
            }
        }
        return new FioJob(j.job(), j.pid(), weights == 0 ? null : weighted / weights / 1e6, p99, max);
    }

    private static List<Event> kept(Session session, String query) {
        try {
            return session.store().kept(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
