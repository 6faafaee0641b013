package io.virtblk.event;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * fio's output. Sizes are bytes, times microseconds unless a name says otherwise, rates per
 * second. A value fio printed rounded ({@code IOPS=42.7k}) stays the rounded value.
 */
public sealed interface FioEvent extends Event {

    /** {@code NAME: (g=0): rw=randread, bs=4K-4K/..., ioengine=libaio, iodepth=16} */
    record JobHeader(Origin at, String raw, String job, int group, String rw, String bs, String ioengine,
                     Integer iodepth, Map<String, String> options) implements FioEvent {
        @Override
        public String type() {
            return "fio_job";
        }
    }

    /** {@code fio-2.2.10} */
    record Version(Origin at, String raw, String version) implements FioEvent {
        @Override
        public String type() {
            return "fio_version";
        }
    }

    /** {@code Starting 2 processes} */
    record Starting(Origin at, String raw, int count, String unit) implements FioEvent {
        @Override
        public String type() {
            return "fio_starting";
        }
    }

    /**
     * A job's result block, from its {@code (groupid=...)} line through {@code latency :}.
     * {@code latBuckets} maps a bucket's upper bound in microseconds ("250", ">=2000000") to the
     * percentage of I/Os in it; {@code ioDepths}, {@code submit}, {@code complete} map a depth
     * ("16", ">=64") to a percentage.
     */
    record JobResult(Origin at, String raw, String job, int group, int jobs, int err, String errDetail, Integer pid,
                     LocalDateTime startTime, List<DirResult> dirs, Map<String, Double> latBuckets, Cpu cpu,
                     Map<String, Double> ioDepths, Map<String, Double> submit, Map<String, Double> complete,
                     Issued issued, Map<String, String> latencyTarget) implements FioEvent {
        @Override
        public String type() {
            return "fio_result";
        }
    }

    /**
     * One direction of a job result.
     *
     * @param clatPercentiles percentile ("99.90") to microseconds, from {@code percentileSource}
     *                        ("clat", or "lat" when fio ran with lat_percentiles)
     * @param clatBins        JSON+ only: completion-latency histogram, bin value in microseconds
     *                        (as text, "1.024") to the number of I/Os in it
     */
    record DirResult(String dir, Long ioBytes, Double bwBytesPerS, Double iops, Long runtimeMs,
                     Stat slat, Stat clat, Stat lat, Map<String, Double> clatPercentiles, String percentileSource,
                     Stat bw, Stat iopsSamples, Long zoneResets, Map<String, Long> clatBins) {

        /** Without JSON+ latency bins (text and terse output carry none). */
        public DirResult(String dir, Long ioBytes, Double bwBytesPerS, Double iops, Long runtimeMs, Stat slat, Stat clat, Stat lat,
                         Map<String, Double> clatPercentiles, String percentileSource, Stat bw, Stat iopsSamples, Long zoneResets) {
            this(dir, ioBytes, bwBytesPerS, iops, runtimeMs, slat, clat, lat, clatPercentiles, percentileSource, bw, iopsSamples, zoneResets,
                    null);
        }
    }

    /** min/max/avg/stdev in microseconds (latency) or bytes/s (bandwidth) or I/Os per second; samples when printed. */
    record Stat(Double min, Double max, Double avg, Double stdev, Double percent, Long samples) {
    }

    record Cpu(Double usr, Double sys, Long ctx, Long majf, Long minf) {
    }

    /** {@code issued}: per direction read, write, trim (and sync in fio 3). */
    record Issued(List<Long> total, List<Long> shortIos, List<Long> dropped) {
    }

    /** {@code Run status group 0 (all jobs):} and its READ/WRITE lines. */
    record GroupStatus(Origin at, String raw, int group, List<GroupDir> dirs) implements FioEvent {
        @Override
        public String type() {
            return "fio_group";
        }
    }

    /** One {@code READ:} line of a group: bandwidth in bytes/s, io in bytes, runtimes in ms. */
    record GroupDir(String dir, Long ioBytes, Double bwBytesPerS, Double minBwBytesPerS, Double maxBwBytesPerS,
                    Long minRuntimeMs, Long maxRuntimeMs) {
    }

    /** A {@code Disk stats (read/write):} device line. Pairs are read/write. */
    record DiskStats(Origin at, String raw, String device, List<Long> ios, List<Long> merge, List<Long> ticks,
                     List<Long> sectors, Long inQueue, Double util) implements FioEvent {
        @Override
        public String type() {
            return "fio_disk";
        }
    }

    /** fio's own messages: signals, stuck jobs, errors, per-job notes. */
    record Notice(Origin at, String raw, NoticeKind kind, String job, Integer seconds, Integer signal, Integer pid,
                  Integer state, String text) implements FioEvent {
        @Override
        public String type() {
            return "fio_notice";
        }
    }

    enum NoticeKind { SIGNAL, JOB_STUCK, KILLED, ERROR, JOB_NOTE, OTHER }

    /**
     * One line of a fio log file ({@code write_lat_log}, {@code write_bw_log}, {@code write_iops_log}):
     * {@code kind} is lat, clat, slat, bw or iops (from the file name), {@code value} as fio wrote
     * it - nanoseconds for latencies (fio 3), KiB/s for bw, I/Os per second for iops; {@code dir}
     * 0 read, 1 write, 2 trim; {@code offset} and {@code priority} when the log has those columns.
     */
    record Sample(Origin at, String raw, String log, String kind, long timeMs, double value, int dir, long blockSize,
                  Long offset, Integer priority) implements FioEvent {
        @Override
        public String type() {
            return "fio_sample";
        }
    }

    /**
     * One line of a fio histogram log ({@code write_hist_log}): the completion latencies of the I/Os
     * of one interval as bucket counts, kept as what an engineer asks of them - how many I/Os, and
     * the percentiles in µs (each a bucket's middle, as fio reports its own) - not as the 1216 or
     * 1856 counts. {@code kind} is clat_hist (from the file name).
     */
    record Histogram(Origin at, String raw, String log, String kind, long timeMs, int dir, long blockSize, long samples,
                     Map<String, Double> percentilesUs, double maxUs) implements FioEvent {
        @Override
        public String type() {
            return "fio_hist";
        }
    }

    /** A {@code Jobs: 1 (f=1): [r(1)] [...] [eta 00m:00s]} progress line. */
    record Progress(Origin at, String raw) implements FioEvent {
        @Override
        public String type() {
            return "fio_progress";
        }
    }
}
