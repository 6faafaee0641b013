package io.virtblk.event;

import java.util.Map;

/**
 * An ioctl call ID decoded with Linux's {@code _IOC} layout: nr = bits 0-7, type = bits 8-15,
 * size = bits 16-29, dir = bits 30-31 (0 none, 1 write, 2 read, 3 both).
 *
 * @param name the command's symbol when known ({@code BLKFLSBUF}), else {@code null}
 */
public record Ioctl(long cmd, String name, int dir, int size, int type, int nr) {

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x1261L, "BLKFLSBUF"),
            Map.entry(0x1260L, "BLKGETSIZE"),
            Map.entry(0x80081272L, "BLKGETSIZE64"),
            Map.entry(0x1268L, "BLKSSZGET"),
            Map.entry(0x80081270L, "BLKBSZGET"),
            Map.entry(0x125fL, "BLKRRPART"),
            Map.entry(0x125eL, "BLKROGET"),
            Map.entry(0x127bL, "BLKPBSZGET"),
            Map.entry(0x1277L, "BLKDISCARD"),
            Map.entry(0x0301L, "HDIO_GETGEO"),
            Map.entry(0x5331L, "CDROM_GET_CAPABILITY"),
            Map.entry(0x7100L, "REG_USER_CALLER"),
            Map.entry(0x80087101L, "GET_REQUEST_SIZE"),
            Map.entry(0x80087102L, "GET_BLOCK"),
            Map.entry(0x40087103L, "SET_BLOCK"));

    public static Ioctl decode(long cmd) {
        return new Ioctl(cmd, NAMES.get(cmd),
                (int) ((cmd >>> 30) & 0x3), (int) ((cmd >>> 16) & 0x3FFF), (int) ((cmd >>> 8) & 0xFF), (int) (cmd & 0xFF));
    }

    /** {@code none}, {@code write}, {@code read} or {@code read-write}. */
    public String dirName() {
        return switch (dir) {
            case 0 -> "none";
            case 1 -> "write";
            case 2 -> "read";
            default -> "read-write";
        };
    }

    /** The type byte as a character when printable, as the driver logs it after {@code chr:}. */
    public String typeChar() {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : "";
    }

    /**
     * The call ID as the index and the JSON spell it: {@code 0x} and at least eight hex digits
     * ({@code 0x80087101}), what {@code String.format("0x%08x", cmd)} gives, made without a
     * format string's parsing (a kern.log holds an ioctl line in eight).
     */
    public String cmdHex() {
        return "0x" + padded(Long.toHexString(cmd), 8);
    }

    /** The type byte as {@code 0x71}: {@code String.format("0x%02x", type)}. */
    public String typeHex() {
        return "0x" + padded(Integer.toHexString(type), 2);
    }

    private static String padded(String hex, int width) {
        return hex.length() >= width ? hex : "0".repeat(width - hex.length()) + hex;
    }
}
