package io.virtblk.shell.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A block device to record, resolved from what the user typed to the kernel's name and number.
 *
 * @param name  the kernel's name ({@code loop0}, {@code nvme0n1p2})
 * @param major its major number
 * @param minor its minor number
 */
public record BlockDevice(String name, int major, int minor) {

    /** {@code MAJ:MIN}, as the traces and {@code devices} print it. */
    public String number() {
        return major + ":" + minor;
    }

    /** The number the block tracepoints' {@code dev} field holds (the kernel's dev_t: major in the high 12 bits). */
    public long devT() {
        return ((long) major << 20) | minor;
    }

    /**
     * {@code /dev/loop0}, a symlink to it ({@code /dev/disk/by-id/...}), {@code loop0} or {@code 7:0}.
     *
     * @throws IllegalArgumentException naming what is not a block device here
     */
    static BlockDevice resolve(Host host, String spec) {
        if (spec.matches("\\d+:\\d+")) {
            for (BlockDevice d : all(host)) {
                if (d.number().equals(spec)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("no block device has the number " + spec + " (see lsblk)");
        }
        String name = spec;
        if (spec.contains("/")) {
            Path p = Path.of(spec);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(spec + " does not exist");
            }
            try {
                name = p.toRealPath().getFileName().toString();
            } catch (IOException e) {
                throw new IllegalArgumentException(spec + ": " + e.getMessage());
            }
        }
        Path dev = host.blocks().resolve(name).resolve("dev");
        try {
            String[] mm = Host.read(dev).split(":");
            return new BlockDevice(name, Integer.parseInt(mm[0]), Integer.parseInt(mm[1]));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(spec + " is not a block device on this machine (no " + dev + ")");
        }
    }

    /**
     * What must be recorded for {@code device}: a partition's requests are its whole disk's (the
     * request tracepoints carry the disk's number), so the disk; a stacked device (dm, md) passes
     * its bios to the devices under it, which hold the requests, so those too ({@code slaves/}).
     * Each added device comes with why, for the user and {@code capture.json}.
     */
    static java.util.Map<BlockDevice, String> recorded(Host host, BlockDevice device) {
        java.util.Map<BlockDevice, String> out = new java.util.LinkedHashMap<>();
        Path dir = host.blocks().resolve(device.name());
        if (device.isPartition(host)) {
            try {
                String disk = dir.toRealPath().getParent().getFileName().toString();
                out.put(resolve(host, disk), device.name() + " is a partition of " + disk + ", whose requests the trace shows");
                return out;
            } catch (IOException | IllegalArgumentException e) {
                // the partition alone, as asked
            }
        }
        out.put(device, null);
        try (Stream<Path> under = Files.list(dir.resolve("slaves"))) {
            for (Path p : under.sorted().toList()) {
                for (var e : recorded(host, resolve(host, p.getFileName().toString())).entrySet()) {
                    out.putIfAbsent(e.getKey(), e.getValue() != null ? e.getValue()
                            : e.getKey().name() + " is under " + device.name() + " and holds its requests");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a stacked device
        }
        return out;
    }

    /** A partition of a disk ({@code sda1}): its requests are traced as the disk's. */
    boolean isPartition(Host host) {
        return Files.exists(host.blocks().resolve(name).resolve("partition"));
    }

    /** Every block device the kernel lists, in name order. */
    static List<BlockDevice> all(Host host) {
        List<BlockDevice> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(host.blocks())) {
            for (Path p : s.sorted().toList()) {
                try {
                    String[] mm = Host.read(p.resolve("dev")).split(":");
                    out.add(new BlockDevice(p.getFileName().toString(), Integer.parseInt(mm[0]), Integer.parseInt(mm[1])));
                } catch (IOException | RuntimeException e) {
                    // not a device folder
                }
            }
        } catch (IOException e) {
            // no devices listed: the caller records all devices unfiltered
        }
        return out;
    }

    /** Requests the device holds now, reads and writes, from {@code /sys/class/block/NAME/inflight}; -1 when it cannot be read. */
    int inFlight(Host host) {
        try {
            int sum = 0;
            for (String n : Host.read(host.blocks().resolve(name).resolve("inflight")).split("\\s+")) {
                sum += Integer.parseInt(n);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
