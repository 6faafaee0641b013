package io.virtblk.grammar.driver;

import io.virtblk.event.Ioctl;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.NamedGroups;
import io.virtblk.grammar.driver.DriverDefinition.LineRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.zip.CRC32C;

/**
 * The kernel lines of the drivers defined by files, recognised at load: a message that starts
 * with a defined driver's name is tried against its patterns in order, and the first found makes
 * the device event (engage, release, ioctl, transfer, or a note of the driver). Any other message
 * costs one {@code startsWith} per defined driver. {@link #fingerprint()} tells sets apart: an
 * index made with other driver lines is made again.
 */
public final class DriverLines {

    private static final DriverLines NONE = new DriverLines(List.of());

    private final List<DriverDefinition> drivers;
    private final String fingerprint;

    private DriverLines(List<DriverDefinition> drivers) {
        this.drivers = List.copyOf(drivers);
        CRC32C crc = new CRC32C();
        for (DriverDefinition d : drivers) {
            crc.update(d.name().getBytes(StandardCharsets.UTF_8));
            for (LineRule r : d.lines()) {
                crc.update(("\n" + r.event() + " " + r.pattern().pattern()).getBytes(StandardCharsets.UTF_8));
            }
        }
        this.fingerprint = drivers.isEmpty() ? "" : Long.toHexString(crc.getValue());
    }

    /** No driver defined by a file: only the built-in grammar's lines are device lines. */
    public static DriverLines none() {
        return NONE;
    }

    public static DriverLines of(List<DriverDefinition> drivers) {
        return drivers.isEmpty() ? NONE : new DriverLines(drivers);
    }

    /** Empty when no driver is defined by a file. */
    public String fingerprint() {
        return fingerprint;
    }

    public boolean isEmpty() {
        return drivers.isEmpty();
    }

    /** The event {@code message} makes as a line of a defined driver, or null when it is none's. */
    public KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message) {
        for (DriverDefinition d : drivers) {
            if (!message.startsWith(d.name())) {
                continue;
            }
            for (LineRule r : d.lines()) {
                Matcher m = r.pattern().matcher(message);
                if (m.find()) {
                    return event(d.name(), r, m, at, raw, prefix, message);
                }
            }
        }
        return null;
    }

    private static KernelEvent event(String device, LineRule r, Matcher m, Origin at, String raw, KernelPrefix prefix, String message) {
        return switch (r.event()) {
            case ENGAGE -> new KernelEvent.Engage(at, raw, prefix, message, device, NamedGroups.of(m, "data"));
            case RELEASE -> new KernelEvent.Release(at, raw, prefix, message, device, NamedGroups.of(m, "data"));
            case IOCTL -> new KernelEvent.IoctlCall(at, raw, prefix, message, device, ioctl(m), NamedGroups.of(m, "arg"));
            case TRANSFER -> {
                String dir = NamedGroups.of(m, "dir");
                int d = "1".equals(dir) || "write".equalsIgnoreCase(dir) ? 1 : 0;
                yield new KernelEvent.DataTransfer(at, raw, prefix, message, device, d, d == 1 ? "write to device" : "read from device");
            }
            case NOTE -> new KernelEvent.DriverNote(at, raw, prefix, message, device, message);
        };
    }

    /** By its number when the line gives one ({@code cmd}), named by the line when it names it. */
    private static Ioctl ioctl(Matcher m) {
        String cmd = NamedGroups.of(m, "cmd");
        String name = NamedGroups.of(m, "name");
        Ioctl decoded = null;
        if (cmd != null) {
            try {
                decoded = Ioctl.decode(Long.parseUnsignedLong(cmd.startsWith("0x") || cmd.startsWith("0X") ? cmd.substring(2) : cmd, 16));
            } catch (NumberFormatException e) {
                decoded = null; // a pattern that lets through what is no number: the name, if any, still says which command
            }
        }
        if (decoded == null) {
            return new Ioctl(0, name, 0, 0, 0, 0);
        }
        return name == null ? decoded : new Ioctl(decoded.cmd(), name, decoded.dir(), decoded.size(), decoded.type(), decoded.nr());
    }

}
