package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.DirResult;
import io.virtblk.event.FioEvent.JobResult;
import io.virtblk.event.FioEvent.Stat;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelFormat;
import io.virtblk.event.TranscriptEvent;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/000_session.txt}, the first real case: three fio runs against virtblkiosim
 * (read, write, both), each followed by the kernel log tail. Every line's event and every
 * number in the file is asserted here, not a sample of them.
 */
class SessionSampleTest {

    static LoadedSource s;
    static List<Event> events;

    @BeforeAll
    static void load() {
        s = TestInputs.load(TestInputs.sample("000_session.txt"));
        events = s.events();
    }

    @Test
    void isATranscriptWithEveryLineAccountedForAndNoDiagnostics() {
        assertThat(s.format()).isEqualTo(InputFormat.TRANSCRIPT);
        assertThat(s.lines()).isEqualTo(110);
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.rawLines()).isZero();
        assertThat(s.accountedFor()).isTrue();
        // blank lines 6 26 30 32 40 46 66 70 72 80 96, and the "..." of three log tails (34 74 98)
        assertThat(s.structuralLines()).isEqualTo(11 + 3 + 2);
        assertThat(s.eventsByType()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("section", 4), Map.entry("command", 6), Map.entry("fio_job", 4), Map.entry("fio_version", 3),
                Map.entry("fio_starting", 3), Map.entry("fio_result", 2), Map.entry("fio_group", 2), Map.entry("fio_disk", 2),
                Map.entry("interrupt", 2), Map.entry("fio_notice", 4), Map.entry("annotation", 6), Map.entry("engage", 8),
                Map.entry("release", 6), Map.entry("ioctl", 4)));
    }

    @Test
    void eventsComeInInputOrderWithTheirLines() {
        assertThat(events.stream().map(e -> e.at().line() + ":" + e.type()).toList()).containsExactly(
                "1:section", "2:command", "3:fio_job", "4:fio_version", "5:fio_starting", "7:fio_result", "27:fio_group", "31:fio_disk",
                "33:command", "35:engage", "36:release", "37:engage", "38:ioctl", "39:release",
                "41:section", "42:command", "43:fio_job", "44:fio_version", "45:fio_starting", "47:fio_result", "67:fio_group",
                "71:fio_disk", "73:command", "75:engage", "76:release", "77:engage", "78:ioctl", "79:release",
                "81:section", "82:command", "83:fio_job", "84:fio_job", "85:fio_version", "86:fio_starting", "87:interrupt",
                "88:fio_notice", "89:fio_notice", "90:fio_notice", "91:interrupt", "92:fio_notice", "93:annotation", "94:annotation",
                "95:annotation", "97:command", "99:engage", "100:release", "101:engage", "102:release", "103:engage", "104:ioctl",
                "105:engage", "106:ioctl", "107:annotation", "108:annotation", "109:annotation", "110:section");
        assertThat(events).allSatisfy(e -> assertThat(e.at().source()).isEqualTo(TestInputs.sample("000_session.txt").toString()));
    }

    @Test
    void transcriptStructure() {
        List<TranscriptEvent.Section> sections = of(TranscriptEvent.Section.class);
        assertThat(sections).extracting(TranscriptEvent.Section::title).containsExactly(
                "Running VIRTual BLocK IOFIOing (read)", "Running VIRTual BLocK IOFIOing (write)",
                "Running VIRTual BLocK IOFIOing (both read/write)", "");
        assertThat(of(TranscriptEvent.Command.class)).extracting(TranscriptEvent.Command::commandLine, TranscriptEvent.Command::program)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sudo fio virtblkiofio-00-read.fio", "fio"),
                        org.assertj.core.groups.Tuple.tuple("tailf /var/log/kern.log", "tailf"),
                        org.assertj.core.groups.Tuple.tuple("sudo fio virtblkiofio-01-write.fio", "fio"),
                        org.assertj.core.groups.Tuple.tuple("tailf /var/log/kern.log", "tailf"),
                        org.assertj.core.groups.Tuple.tuple("sudo fio virtblkiofio-02-both.fio", "fio"),
                        org.assertj.core.groups.Tuple.tuple("tailf /var/log/kern.log", "tailf"));
        assertThat(of(TranscriptEvent.Interrupt.class)).extracting(e -> e.at().line()).containsExactly(87, 91);
        assertThat(of(TranscriptEvent.Annotation.class)).extracting(e -> e.at().line() + ":" + e.text()).containsExactly(
                "93:", "94:VM is completely freezed! Needs a hard restart.", "95:",
                "107:", "108:VM is completely freezed! Needs a hard restart.", "109:");
    }

    @Test
    void fioJobHeadersVersionsAndStarts() {
        assertThat(of(FioEvent.JobHeader.class)).extracting(h -> h.job() + "|" + h.group() + "|" + h.rw() + "|" + h.bs() + "|"
                + h.ioengine() + "|" + h.iodepth()).containsExactly(
                "virtblkiofio-00-read|0|randread|4K-4K/4K-4K/4K-4K|libaio|16",
                "virtblkiofio-01-write|0|randwrite|4K-4K/4K-4K/4K-4K|libaio|16",
                "virtblkiofio-02-read|0|randread|4K-4K/4K-4K/4K-4K|libaio|16",
                "virtblkiofio-02-write|0|randwrite|4K-4K/4K-4K/4K-4K|libaio|16");
        assertThat(of(FioEvent.Version.class)).extracting(FioEvent.Version::version).containsExactly("2.2.10", "2.2.10", "2.2.10");
        assertThat(of(FioEvent.Starting.class)).extracting(st -> st.count() + " " + st.unit())
                .containsExactly("1 process", "1 process", "2 processes");
    }

    @Test
    void readJobResultEveryField() {
        JobResult r = of(JobResult.class).get(0);
        assertThat(r.at().line()).isEqualTo(7);
        assertThat(r.at().endLine()).isEqualTo(25);
        assertThat(r.job()).isEqualTo("virtblkiofio-00-read");
        assertThat(r.group()).isZero();
        assertThat(r.jobs()).isEqualTo(1);
        assertThat(r.err()).isZero();
        assertThat(r.pid()).isEqualTo(3832);
        assertThat(r.startTime()).isEqualTo(LocalDateTime.of(2016, 11, 11, 4, 25, 30));
        assertThat(r.dirs()).hasSize(1);
        DirResult d = r.dirs().getFirst();
        assertThat(d.dir()).isEqualTo("read");
        assertThat(d.ioBytes()).isEqualTo(32768L * 1024);
        assertThat(d.bwBytesPerS()).isEqualTo(170667.0 * 1024);
        assertThat(d.iops()).isEqualTo(42666.0);
        assertThat(d.runtimeMs()).isEqualTo(192L);
        assertStat(d.slat(), 6, 309, 17.20, 5.10);
        assertStat(d.clat(), 4, 820, 350.52, 35.26);
        assertStat(d.lat(), 28, 827, 368.42, 36.24);
        assertThat(d.percentileSource()).isEqualTo("clat");
        assertThat(d.clatPercentiles()).containsExactlyEntriesOf(percentiles(
                330, 338, 338, 338, 342, 342, 342, 342, 346, 358, 370, 386, 510, 652, 708, 708, 820));
        assertThat(r.latBuckets()).containsExactlyEntriesOf(ordered(
                "10", 0.01, "50", 0.01, "100", 0.01, "250", 0.22, "500", 98.68, "750", 1.01, "1000", 0.05));
        assertThat(r.cpu()).isEqualTo(new FioEvent.Cpu(20.94, 48.17, 8149L, 0L, 25L));
        assertThat(r.ioDepths()).containsExactlyEntriesOf(ordered("1", 0.1, "2", 0.1, "4", 0.1, "8", 0.1, "16", 99.8, "32", 0.0, ">=64", 0.0));
        assertThat(r.submit()).containsExactlyEntriesOf(ordered("0", 0.0, "4", 100.0, "8", 0.0, "16", 0.0, "32", 0.0, "64", 0.0, ">=64", 0.0));
        assertThat(r.complete()).containsExactlyEntriesOf(ordered("0", 0.0, "4", 100.0, "8", 0.0, "16", 0.1, "32", 0.0, "64", 0.0, ">=64", 0.0));
        assertThat(r.issued()).isEqualTo(new FioEvent.Issued(List.of(8192L, 0L, 0L), List.of(0L, 0L, 0L), List.of(0L, 0L, 0L)));
        assertThat(r.latencyTarget()).containsExactlyEntriesOf(
                stringMap("target", "0", "window", "0", "percentile", "100.00%", "depth", "16"));
    }

    @Test
    void writeJobResultEveryField() {
        JobResult r = of(JobResult.class).get(1);
        assertThat(r.at().line()).isEqualTo(47);
        assertThat(r.at().endLine()).isEqualTo(65);
        assertThat(r.job()).isEqualTo("virtblkiofio-01-write");
        assertThat(r.pid()).isEqualTo(3841);
        assertThat(r.err()).isZero();
        assertThat(r.startTime()).isEqualTo(LocalDateTime.of(2016, 11, 11, 4, 27, 15));
        DirResult d = r.dirs().getFirst();
        assertThat(d.dir()).isEqualTo("write");
        assertThat(d.ioBytes()).isEqualTo(32768L * 1024);
        assertThat(d.bwBytesPerS()).isEqualTo(172463.0 * 1024);
        assertThat(d.iops()).isEqualTo(43115.0);
        assertThat(d.runtimeMs()).isEqualTo(190L);
        assertStat(d.slat(), 6, 395, 16.73, 6.36);
        assertStat(d.clat(), 4, 845, 347.82, 52.01);
        assertStat(d.lat(), 21, 853, 365.26, 54.34);
        assertThat(d.clatPercentiles()).containsExactlyEntriesOf(percentiles(
                153, 290, 334, 342, 342, 346, 346, 346, 350, 358, 378, 390, 540, 612, 748, 780, 844));
        assertThat(r.latBuckets()).containsExactlyEntriesOf(ordered(
                "10", 0.01, "50", 0.01, "100", 0.26, "250", 3.63, "500", 94.62, "750", 1.26, "1000", 0.22));
        assertThat(r.cpu()).isEqualTo(new FioEvent.Cpu(27.51, 44.44, 7667L, 0L, 10L));
        assertThat(r.ioDepths()).containsExactlyEntriesOf(ordered("1", 0.1, "2", 0.1, "4", 0.1, "8", 0.1, "16", 99.8, "32", 0.0, ">=64", 0.0));
        assertThat(r.submit()).containsExactlyEntriesOf(ordered("0", 0.0, "4", 100.0, "8", 0.0, "16", 0.0, "32", 0.0, "64", 0.0, ">=64", 0.0));
        assertThat(r.complete()).containsExactlyEntriesOf(ordered("0", 0.0, "4", 100.0, "8", 0.0, "16", 0.1, "32", 0.0, "64", 0.0, ">=64", 0.0));
        assertThat(r.issued()).isEqualTo(new FioEvent.Issued(List.of(0L, 8192L, 0L), List.of(0L, 0L, 0L), List.of(0L, 0L, 0L)));
        assertThat(r.latencyTarget()).containsEntry("depth", "16").containsEntry("percentile", "100.00%");
    }

    @Test
    void groupStatusAndDiskStats() {
        List<FioEvent.GroupStatus> groups = of(FioEvent.GroupStatus.class);
        assertThat(groups).extracting(g -> g.at().line() + "-" + g.at().endLine()).containsExactly("27-28", "67-68");
        assertThat(groups.get(0).dirs()).containsExactly(new FioEvent.GroupDir("read", 32768L * 1024, 170666.0 * 1024,
                170666.0 * 1024, 170666.0 * 1024, 192L, 192L));
        assertThat(groups.get(1).dirs()).containsExactly(new FioEvent.GroupDir("write", 32768L * 1024, 172463.0 * 1024,
                172463.0 * 1024, 172463.0 * 1024, 190L, 190L));
        List<FioEvent.DiskStats> disks = of(FioEvent.DiskStats.class);
        assertThat(disks.get(0)).extracting(FioEvent.DiskStats::device, FioEvent.DiskStats::ios, FioEvent.DiskStats::merge,
                FioEvent.DiskStats::ticks, FioEvent.DiskStats::inQueue, FioEvent.DiskStats::util)
                .containsExactly("virtblkiosim", List.of(5752L, 0L), List.of(1L, 0L), List.of(48L, 0L), 48L, 20.25);
        assertThat(disks.get(1)).extracting(FioEvent.DiskStats::device, FioEvent.DiskStats::ios, FioEvent.DiskStats::merge,
                FioEvent.DiskStats::ticks, FioEvent.DiskStats::inQueue, FioEvent.DiskStats::util)
                .containsExactly("virtblkiosim", List.of(0L, 5837L), List.of(0L, 3L), List.of(0L, 112L), 112L, 15.25);
    }

    @Test
    void fioNoticesOfTheStalledRun() {
        assertThat(of(FioEvent.Notice.class)).extracting(n -> n.at().line() + "|" + n.kind() + "|" + n.job() + "|" + n.seconds()
                + "|" + n.signal()).containsExactly(
                "88|SIGNAL|null|null|2",
                "89|JOB_STUCK|virtblkiofio-02-read|60|null",
                "90|JOB_STUCK|virtblkiofio-02-write|60|null",
                "92|SIGNAL|null|null|2");
    }

    @Test
    void everyKernelLineWithTimesHostAndDecodedIoctl() {
        List<KernelEvent> k = of(KernelEvent.class);
        assertThat(k).extracting(e -> e.at().line() + " " + e.type() + " " + e.prefix().mono() + " " + e.prefix().wallClock())
                .containsExactly(
                        "35 engage 67315.455932 2016-11-11T04:25:30",
                        "36 release 67315.455959 2016-11-11T04:25:30",
                        "37 engage 67315.571905 2016-11-11T04:25:30",
                        "38 ioctl 67315.571938 2016-11-11T04:25:30",
                        "39 release 67315.7629 2016-11-11T04:25:30",
                        "75 engage 67420.671315 2016-11-11T04:27:15",
                        "76 release 67420.671341 2016-11-11T04:27:15",
                        "77 engage 67420.78392 2016-11-11T04:27:15",
                        "78 ioctl 67420.783954 2016-11-11T04:27:15",
                        "79 release 67420.973419 2016-11-11T04:27:15",
                        "99 engage 68516.021202 2016-11-11T04:45:30",
                        "100 release 68516.02131 2016-11-11T04:45:30",
                        "101 engage 68516.021347 2016-11-11T04:45:30",
                        "102 release 68516.021359 2016-11-11T04:45:30",
                        "103 engage 68516.133583 2016-11-11T04:45:31",
                        "104 ioctl 68516.13362 2016-11-11T04:45:31",
                        "105 engage 68516.133663 2016-11-11T04:45:31",
                        "106 ioctl 68516.133687 2016-11-11T04:45:31");
        assertThat(k).allSatisfy(e -> {
            assertThat(e.prefix().format()).isEqualTo(KernelFormat.SYSLOG);
            assertThat(e.prefix().host()).isEqualTo("<vmhostname>");
            assertThat(e.prefix().tag()).isEqualTo("kernel");
            assertThat(e.prefix().isKernel()).isTrue();
        });
        assertThat(of(KernelEvent.Engage.class)).allSatisfy(e -> {
            assertThat(e.device()).isEqualTo("virtblkiosim");
            assertThat(e.privateData()).isEqualTo("virtblkiosim");
        });
        assertThat(of(KernelEvent.Release.class)).allSatisfy(e -> assertThat(e.privateData()).isEqualTo("virtblkiosim"));
        List<KernelEvent.IoctlCall> ioctls = of(KernelEvent.IoctlCall.class);
        assertThat(ioctls).extracting(KernelEvent.IoctlCall::arg)
                .containsExactly("140050596167680", "140290841550848", "139956625170432", "139956625170432");
        assertThat(ioctls).allSatisfy(i -> {
            assertThat(i.ioctl().cmd()).isEqualTo(0x1261L);
            assertThat(i.ioctl().name()).isEqualTo("BLKFLSBUF");
            assertThat(i.ioctl().dir()).isZero();
            assertThat(i.ioctl().size()).isZero();
            assertThat(i.ioctl().type()).isEqualTo(0x12);
            assertThat(i.ioctl().nr()).isEqualTo(0x61);
            assertThat(i.ioctl().typeChar()).isEmpty();
            assertThat(i.message()).startsWith("virtblkiosim: ===> ioctl() call ID: 0x00001261");
        });
    }

    private static void assertStat(Stat s, double min, double max, double avg, double stdev) {
        assertThat(s.min()).isCloseTo(min, within(1e-9));
        assertThat(s.max()).isCloseTo(max, within(1e-9));
        assertThat(s.avg()).isCloseTo(avg, within(1e-9));
        assertThat(s.stdev()).isCloseTo(stdev, within(1e-9));
    }

    private static Map<String, Double> percentiles(double... us) {
        String[] keys = {"1.00", "5.00", "10.00", "20.00", "30.00", "40.00", "50.00", "60.00", "70.00", "80.00", "90.00",
            "95.00", "99.00", "99.50", "99.90", "99.95", "99.99"};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], us[i]);
        }
        return m;
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> stringMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
