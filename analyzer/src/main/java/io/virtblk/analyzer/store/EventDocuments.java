package io.virtblk.analyzer.store;

import io.virtblk.event.BlockEvent;
import io.virtblk.event.BlockRequest;
import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.RawLine;
import io.virtblk.event.TranscriptEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
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
    /**
     * The microseconds within the millisecond of a time field ({@code _us_time}), kept only when
     * not zero: the time field stays in milliseconds (what ranges, histograms and the clusters
     * use), and a log that wrote {@code .455932} is shown with it, not as {@code .455}.
     */
    public static final String MICROS = "_us_";

    /**
     * Lucene refuses a term over 32,766 bytes of UTF-8 and with it the whole document; a 40 KB
     * frame, tag or job name must not make a file unloadable. Such a value is cut for the index
     * (the line keeps its full text) and the caller is told.
     */
    static final int MAX_KEYWORD_BYTES = 32766;

    private final Document d = new Document();
    private final Consumer<String> cuts;

    private EventDocuments(Consumer<String> cuts) {
        this.cuts = cuts;
    }

    /**
     * @param offset byte offset of the event's first line in the source, or -1 when it cannot be
     *               read back that way (compressed source)
     * @param seq    position of the event in its source, for input order
     */
    public static Document of(Event e, long offset, long seq, EventJson json) {
        return of(e, offset, seq, json, cut -> { });
    }

    /** As {@link #of(Event, long, long, EventJson)}; {@code cuts} hears of every value cut to fit the index, in words. */
    public static Document of(Event e, long offset, long seq, EventJson json, Consumer<String> cuts) {
        return new EventDocuments(cuts).build(e, offset, seq, json);
    }

    private Document build(Event e, long offset, long seq, EventJson json) {
        d.add(new KeywordField("type", e.type(), Store.NO));
        // no "source" term per document: each source has an index of its own, whose name answers
        // source: queries (SourceScope), stats by source and completions; a term per event cost
        // every document a field for an answer the index already gives
        d.add(new LongField("line", e.at().line(), Store.NO));
        if (e.at().endLine() != e.at().line()) {
            d.add(new LongField("end_line", e.at().endLine(), Store.NO));
        }
        d.add(new NumericDocValuesField(SEQ, seq));
        // one line read back from the source: an event of one line, or a request (whose text is the line it began with)
        if (offset >= 0 && (e.at().endLine() == e.at().line() || e instanceof BlockRequest)) {
            d.add(new NumericDocValuesField(OFFSET, offset));
        } else {
            d.add(new StoredField(RAW, e.raw()));
        }
        switch (e) {
            case KernelEvent k -> kernel(k);
            case FioEvent f -> {
                fio(f);
                message(e.raw());
            }
            case TranscriptEvent t -> {
                if (t instanceof TranscriptEvent.Command c) {
                    keyword("command.program", c.program());
                }
                message(e.raw());
            }
            case BlockEvent b -> {
                block(b);
                // as a kernel line's: the words after the prefix, whose task, CPU and time are fields
                message(b.message() != null ? b.message() : e.raw());
            }
            case BlockRequest r -> request(r);
            case RawLine r -> {
                decimal("mono", r.time()); // a stamped line says the source ran until then
                message(r.raw());
            }
        }
        if (json.keeps(e)) {
            d.add(new StoredField(JSON, json.write(e)));
        }
        return d;
    }

    private void kernel(KernelEvent k) {
        KernelPrefix p = k.prefix();
        time("time", p.wallClock(), p.offset());
        if (p.mono() != null) {
            d.add(new DoubleField("mono", p.mono(), Store.NO));
        }
        keyword("host", p.host());
        keyword("tag", p.tag());
        keyword("format", p.format().name());
        message(k.message());
        switch (k) {
            case KernelEvent.Message m -> keyword("subsystem", m.subsystem());
            case KernelEvent.Engage x -> keyword("device", x.device());
            case KernelEvent.Release x -> keyword("device", x.device());
            case KernelEvent.IoctlCall x -> {
                keyword("device", x.device());
                keyword("ioctl.cmd", x.ioctl().cmdHex());
                keyword("ioctl.name", x.ioctl().name());
                keyword("ioctl.dir", x.ioctl().dirName());
                d.add(new LongField("ioctl.size", x.ioctl().size(), Store.NO));
                keyword("ioctl.type", x.ioctl().typeHex());
                d.add(new LongField("ioctl.nr", x.ioctl().nr(), Store.NO));
                keyword("ioctl.arg", x.arg());
            }
            case KernelEvent.IoctlSymbol x -> {
                keyword("device", x.device());
                keyword("ioctl.name", x.symbol());
            }
            case KernelEvent.DataTransfer x -> {
                keyword("device", x.device());
                d.add(new LongField("transfer.dir", x.dir(), Store.NO));
            }
            case KernelEvent.Module x -> {
                keyword("device", x.device());
                if (x.major() != null) {
                    d.add(new LongField("module.major", x.major(), Store.NO));
                }
            }
            case KernelEvent.DriverNote x -> keyword("device", x.device());
            case KernelEvent.Report r -> {
                keyword("report.title", r.title());
                keyword("report.type", r.reportType());
                keyword("report.class", r.reportClass().word());
                keyword("report.kind", r.kind());
                keyword("report.frame", r.guiltyFrame());
                keyword("report.corrupted", Boolean.toString(r.corrupted()));
                keyword("report.panicked", Boolean.toString(r.panicked()));
                keyword("report.task", r.task());
                number("report.pid", r.pid());
                number("report.cpu", r.cpu());
                if (r.seconds() != null) {
                    d.add(new DoubleField("report.seconds", r.seconds(), Store.NO));
                }
                for (KernelEvent.Frame f : r.frames()) {
                    keyword("report.frames", f.function());
                }
            }
        }
    }

    private void block(BlockEvent b) {
        d.add(new DoubleField("mono", b.time(), Store.NO));
        keyword("block.dev", b.dev());
        keyword("block.action", b.action());
        keyword("block.tracepoint", b.tracepoint());
        keyword("block.rwbs", b.rwbs());
        number("block.sector", b.sector());
        number("block.sectors", b.sectors());
        number("block.bytes", b.size());
        keyword("block.comm", b.comm());
        keyword("block.task", b.task());
        number("block.pid", b.pid());
        number("block.cpu", b.cpu());
        number("block.error", b.error());
        keyword("block.format", b.format());
    }

    /**
     * A request takes the {@code block.*} fields its events have (its source's format is its
     * events'), so one query finds a sector's events and its request; its waits are in
     * microseconds, as btt prints them.
     */
    private void request(BlockRequest r) {
        double start = r.start();
        if (!Double.isNaN(start)) {
            d.add(new DoubleField("mono", start, Store.NO));
        }
        keyword("block.dev", r.dev());
        keyword("block.rwbs", r.rwbs());
        number("block.sector", r.sector());
        number("block.sectors", r.sectors());
        number("block.bytes", r.bytes());
        keyword("block.comm", r.comm());
        number("block.pid", r.pid());
        number("block.error", r.error());
        keyword("request.state", r.state());
        decimal("request.queue_time", r.queued());
        decimal("request.got_request_time", r.gotRequest());
        decimal("request.insert_time", r.inserted());
        decimal("request.issue_time", r.issued());
        decimal("request.complete_time", r.completed());
        micros("request.q2g_us", r.q2g());
        micros("request.g2i_us", r.g2i());
        micros("request.i2d_us", r.i2d());
        micros("request.d2c_us", r.d2c());
        micros("request.q2c_us", r.q2c());
        // a request is a fifth of a trace's documents: what it would say as 0 it leaves out
        if (r.requeues() > 0) {
            number("request.requeues", r.requeues());
            decimal("request.first_issue_time", r.firstIssued());
            micros("request.requeue_us", r.requeueTime());
        }
        if (r.merges() > 0) {
            number("request.merges", r.merges());
        }
    }

    private void micros(String field, Double seconds) {
        if (seconds != null) {
            number(field, Math.round(seconds * 1e6));
        }
    }

    private void fio(FioEvent f) {
        switch (f) {
            case FioEvent.JobHeader h -> {
                keyword("fio.job", h.job());
                d.add(new LongField("fio.group", h.group(), Store.NO));
                keyword("fio.rw", h.rw());
                keyword("fio.ioengine", h.ioengine());
                number("fio.iodepth", h.iodepth());
            }
            case FioEvent.Version v -> keyword("fio.version", v.version());
            case FioEvent.JobResult r -> {
                keyword("fio.job", r.job());
                d.add(new LongField("fio.group", r.group(), Store.NO));
                d.add(new LongField("fio.err", r.err(), Store.NO));
                number("fio.pid", r.pid());
                time("time", r.startTime(), null);
                for (FioEvent.DirResult dir : r.dirs()) {
                    keyword("fio.dir", dir.dir());
                    decimal("fio.iops", dir.iops());
                    decimal("fio.bw", dir.bwBytesPerS());
                    number("fio.io_bytes", dir.ioBytes());
                    number("fio.runtime_ms", dir.runtimeMs());
                    if (dir.slat() != null) {
                        decimal("slat.avg", dir.slat().avg());
                    }
                    if (dir.clat() != null) {
                        decimal("clat.avg", dir.clat().avg());
                        decimal("clat.max", dir.clat().max());
                    }
                    if (dir.lat() != null) {
                        decimal("lat.avg", dir.lat().avg());
                        decimal("lat.max", dir.lat().max());
                    }
                    percentiles(dir.clatPercentiles());
                }
            }
            case FioEvent.GroupStatus g -> d.add(new LongField("fio.group", g.group(), Store.NO));
            case FioEvent.DiskStats s -> {
                keyword("disk.device", s.device());
                if (s.ios() != null && s.ios().size() == 2) {
                    d.add(new LongField("disk.ios_read", s.ios().get(0), Store.NO));
                    d.add(new LongField("disk.ios_write", s.ios().get(1), Store.NO));
                }
                decimal("disk.util", s.util());
            }
            case FioEvent.Notice n -> {
                keyword("fio.notice", n.kind().name());
                keyword("fio.job", n.job());
                number("fio.signal", n.signal());
                number("fio.seconds", n.seconds());
            }
            case FioEvent.Starting s -> { }
            case FioEvent.Progress p -> { }
            case FioEvent.Histogram h -> {
                logLine(h.log(), h.kind(), h.timeMs(), h.dir(), h.blockSize());
                d.add(new LongField("hist.samples", h.samples(), Store.NO));
                percentiles(h.percentilesUs());
                if (h.samples() > 0) {
                    decimal("clat.max", h.maxUs());
                }
            }
            case FioEvent.Sample x -> {
                logLine(x.log(), x.kind(), x.timeMs(), x.dir(), x.blockSize());
                d.add(new DoubleField("sample.value", x.value(), Store.NO));
            }
        }
    }

    /** What every line of a fio log has, samples and histograms alike. */
    private void logLine(String log, String kind, long timeMs, int dir, long blockSize) {
        keyword("sample.log", log);
        keyword("sample.kind", kind);
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

    private void message(String text) {
        if (text != null && !text.isEmpty()) {
            d.add(new org.apache.lucene.document.Field("message", text, MESSAGE));
        }
    }

    /** fio's percentiles by its names ("99.00"), as the lat.p* fields. */
    private void percentiles(Map<String, Double> p) {
        if (p != null) {
            decimal("lat.p50", p.get("50.00"));
            decimal("lat.p90", p.get("90.00"));
            decimal("lat.p99", p.get("99.00"));
            decimal("lat.p99_9", p.get("99.90"));
            decimal("lat.p99_99", p.get("99.99"));
        }
    }

    private void keyword(String name, String value) {
        if (value != null) {
            d.add(new KeywordField(name, fitted(name, value), Store.NO));
        }
    }

    /** The value, or its longest prefix that fits a term (cut between characters), telling {@link #cuts}. */
    private String fitted(String name, String value) {
        if (value.length() * 3L <= MAX_KEYWORD_BYTES) {
            return value; // cannot be over, whatever its characters
        }
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= MAX_KEYWORD_BYTES) {
            return value;
        }
        int end = MAX_KEYWORD_BYTES;
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--;
        }
        cuts.accept(name + " is " + String.format("%,d", utf8.length) + " bytes, over the index's limit of " + String.format("%,d", MAX_KEYWORD_BYTES)
                + " for one value: its first " + String.format("%,d", end) + " bytes are indexed (the line keeps all of it)");
        return new String(utf8, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void number(String name, Number value) {
        if (value != null) {
            d.add(new LongField(name, value.longValue(), Store.NO));
        }
    }

    private void decimal(String name, Double value) {
        if (value != null) {
            d.add(new DoubleField(name, value, Store.NO));
        }
    }

    /** Wall clock as written; an RFC 3339 offset is applied so that such times compare in UTC. */
    private void time(String name, LocalDateTime t, ZoneOffset offset) {
        if (t != null) {
            d.add(new LongField(name, Times.millis(t, offset), Store.NO));
            int micros = t.getNano() / 1000 % 1000;
            if (micros != 0) {
                d.add(new org.apache.lucene.document.NumericDocValuesField(MICROS + name, micros));
            }
        }
    }
}
