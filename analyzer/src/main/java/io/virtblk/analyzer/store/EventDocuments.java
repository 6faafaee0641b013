package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.RawLine;
import io.virtblk.event.TranscriptEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * An event as a Lucene document, field names from {@link Schema}.
 *
 * <p>What each field costs decides how it is indexed: keywords get postings and sorted-set doc
 * values (for {@code stats --by}); numbers and times get points and doc values (ranges, sorting,
 * histograms); the message gets postings with positions but no norms (phrases, no scoring needs).
 * The line itself is not stored when it can be read back from the source file by its byte
 * offset ({@code offset} doc value); multi-line events and compressed sources store it. Events
 * the shell shows in full (fio results, reports, transcript structure) store their JSON.
 */
public final class EventDocuments {

    /** Internal fields, not in the schema users query. */
    public static final String OFFSET = "_offset";
    public static final String RAW = "_raw";
    public static final String JSON = "_json";
    public static final String SEQ = "_seq";

    private EventDocuments() {
    }

    /**
     * @param offset byte offset of the event's first line in the source, or -1 when it cannot be
     *               read back that way (compressed source)
     * @param seq    position of the event in its source, for input order
     */
    public static Document of(Event e, String source, long offset, long seq, EventJson json) {
        Document d = new Document();
        d.add(new KeywordField("type", e.type(), Store.NO));
        d.add(new StringField("source", source, Store.NO));
        d.add(new LongField("line", e.at().line(), Store.NO));
        if (e.at().endLine() != e.at().line()) {
            d.add(new LongField("end_line", e.at().endLine(), Store.NO));
        }
        d.add(new NumericDocValuesField(SEQ, seq));
        if (offset >= 0 && e.at().endLine() == e.at().line()) {
            d.add(new NumericDocValuesField(OFFSET, offset));
        } else {
            d.add(new StoredField(RAW, e.raw()));
        }
        switch (e) {
            case KernelEvent k -> kernel(d, k);
            case FioEvent f -> {
                fio(d, f);
                message(d, e.raw());
            }
            case TranscriptEvent t -> {
                if (t instanceof TranscriptEvent.Command c) {
                    keyword(d, "command.program", c.program());
                }
                message(d, e.raw());
            }
            case RawLine r -> message(d, r.raw());
        }
        if (json.keeps(e)) {
            d.add(new StoredField(JSON, json.write(e)));
        }
        return d;
    }

    private static void kernel(Document d, KernelEvent k) {
        KernelPrefix p = k.prefix();
        time(d, "time", p.wallClock(), p.offset());
        if (p.mono() != null) {
            d.add(new DoubleField("mono", p.mono(), Store.NO));
        }
        keyword(d, "host", p.host());
        keyword(d, "tag", p.tag());
        keyword(d, "format", p.format().name());
        message(d, k.message());
        switch (k) {
            case KernelEvent.Message m -> keyword(d, "subsystem", m.subsystem());
            case KernelEvent.Engage x -> keyword(d, "device", x.device());
            case KernelEvent.Release x -> keyword(d, "device", x.device());
            case KernelEvent.IoctlCall x -> {
                keyword(d, "device", x.device());
                keyword(d, "ioctl.cmd", String.format("0x%08x", x.ioctl().cmd()));
                keyword(d, "ioctl.name", x.ioctl().name());
                keyword(d, "ioctl.dir", x.ioctl().dirName());
                d.add(new LongField("ioctl.size", x.ioctl().size(), Store.NO));
                keyword(d, "ioctl.type", String.format("0x%02x", x.ioctl().type()));
                d.add(new LongField("ioctl.nr", x.ioctl().nr(), Store.NO));
                keyword(d, "ioctl.arg", x.arg());
            }
            case KernelEvent.IoctlSymbol x -> {
                keyword(d, "device", x.device());
                keyword(d, "ioctl.name", x.symbol());
            }
            case KernelEvent.DataTransfer x -> {
                keyword(d, "device", x.device());
                d.add(new LongField("transfer.dir", x.dir(), Store.NO));
            }
            case KernelEvent.Module x -> {
                keyword(d, "device", x.device());
                if (x.major() != null) {
                    d.add(new LongField("module.major", x.major(), Store.NO));
                }
            }
            case KernelEvent.DriverNote x -> keyword(d, "device", x.device());
            case KernelEvent.Report r -> {
                keyword(d, "report.title", r.title());
                keyword(d, "report.type", r.reportType());
                keyword(d, "report.class", r.reportClass().word());
                keyword(d, "report.kind", r.kind());
                keyword(d, "report.frame", r.guiltyFrame());
                keyword(d, "report.corrupted", Boolean.toString(r.corrupted()));
                keyword(d, "report.panicked", Boolean.toString(r.panicked()));
                keyword(d, "report.task", r.task());
                number(d, "report.pid", r.pid());
                number(d, "report.cpu", r.cpu());
                if (r.seconds() != null) {
                    d.add(new DoubleField("report.seconds", r.seconds(), Store.NO));
                }
                for (KernelEvent.Frame f : r.frames()) {
                    keyword(d, "report.frames", f.function());
                }
            }
        }
    }

    private static void fio(Document d, FioEvent f) {
        switch (f) {
            case FioEvent.JobHeader h -> {
                keyword(d, "fio.job", h.job());
                d.add(new LongField("fio.group", h.group(), Store.NO));
                keyword(d, "fio.rw", h.rw());
                keyword(d, "fio.ioengine", h.ioengine());
                number(d, "fio.iodepth", h.iodepth());
            }
            case FioEvent.Version v -> keyword(d, "fio.version", v.version());
            case FioEvent.JobResult r -> {
                keyword(d, "fio.job", r.job());
                d.add(new LongField("fio.group", r.group(), Store.NO));
                d.add(new LongField("fio.err", r.err(), Store.NO));
                number(d, "fio.pid", r.pid());
                time(d, "time", r.startTime(), null);
                for (FioEvent.DirResult dir : r.dirs()) {
                    keyword(d, "fio.dir", dir.dir());
                    decimal(d, "fio.iops", dir.iops());
                    decimal(d, "fio.bw", dir.bwBytesPerS());
                    number(d, "fio.io_bytes", dir.ioBytes());
                    number(d, "fio.runtime_ms", dir.runtimeMs());
                    if (dir.slat() != null) {
                        decimal(d, "slat.avg", dir.slat().avg());
                    }
                    if (dir.clat() != null) {
                        decimal(d, "clat.avg", dir.clat().avg());
                        decimal(d, "clat.max", dir.clat().max());
                    }
                    if (dir.lat() != null) {
                        decimal(d, "lat.avg", dir.lat().avg());
                        decimal(d, "lat.max", dir.lat().max());
                    }
                    percentiles(d, dir.clatPercentiles());
                }
            }
            case FioEvent.GroupStatus g -> d.add(new LongField("fio.group", g.group(), Store.NO));
            case FioEvent.DiskStats s -> {
                keyword(d, "disk.device", s.device());
                if (s.ios() != null && s.ios().size() == 2) {
                    d.add(new LongField("disk.ios_read", s.ios().get(0), Store.NO));
                    d.add(new LongField("disk.ios_write", s.ios().get(1), Store.NO));
                }
                decimal(d, "disk.util", s.util());
            }
            case FioEvent.Notice n -> {
                keyword(d, "fio.notice", n.kind().name());
                keyword(d, "fio.job", n.job());
                number(d, "fio.signal", n.signal());
                number(d, "fio.seconds", n.seconds());
            }
            case FioEvent.Starting s -> { }
            case FioEvent.Progress p -> { }
            case FioEvent.Histogram h -> {
                logLine(d, h.log(), h.kind(), h.timeMs(), h.dir(), h.blockSize());
                d.add(new LongField("hist.samples", h.samples(), Store.NO));
                percentiles(d, h.percentilesUs());
                if (h.samples() > 0) {
                    decimal(d, "clat.max", h.maxUs());
                }
            }
            case FioEvent.Sample x -> {
                logLine(d, x.log(), x.kind(), x.timeMs(), x.dir(), x.blockSize());
                d.add(new DoubleField("sample.value", x.value(), Store.NO));
            }
        }
    }

    /** What every line of a fio log has, samples and histograms alike. */
    private static void logLine(Document d, String log, String kind, long timeMs, int dir, long blockSize) {
        keyword(d, "sample.log", log);
        keyword(d, "sample.kind", kind);
        d.add(new LongField("sample.time_ms", timeMs, Store.NO));
        d.add(new LongField("sample.dir", dir, Store.NO));
        d.add(new LongField("sample.bs", blockSize, Store.NO));
    }

    private static final org.apache.lucene.document.FieldType MESSAGE = messageType();

    private static org.apache.lucene.document.FieldType messageType() {
        org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType(TextField.TYPE_NOT_STORED);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }

    private static void message(Document d, String text) {
        if (text != null && !text.isEmpty()) {
            d.add(new org.apache.lucene.document.Field("message", text, MESSAGE));
        }
    }

    /** fio's percentiles by its names ("99.00"), as the lat.p* fields. */
    private static void percentiles(Document d, Map<String, Double> p) {
        if (p != null) {
            decimal(d, "lat.p50", p.get("50.00"));
            decimal(d, "lat.p90", p.get("90.00"));
            decimal(d, "lat.p99", p.get("99.00"));
            decimal(d, "lat.p99_9", p.get("99.90"));
            decimal(d, "lat.p99_99", p.get("99.99"));
        }
    }

    private static void keyword(Document d, String name, String value) {
        if (value != null) {
            d.add(new KeywordField(name, value, Store.NO));
        }
    }

    private static void number(Document d, String name, Number value) {
        if (value != null) {
            d.add(new LongField(name, value.longValue(), Store.NO));
        }
    }

    private static void decimal(Document d, String name, Double value) {
        if (value != null) {
            d.add(new DoubleField(name, value, Store.NO));
        }
    }

    /** Wall clock as written; an RFC 3339 offset is applied so that such times compare in UTC. */
    private static void time(Document d, String name, LocalDateTime t, ZoneOffset offset) {
        if (t != null) {
            d.add(new LongField(name, Times.millis(t, offset), Store.NO));
        }
    }
}
