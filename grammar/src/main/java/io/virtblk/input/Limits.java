package io.virtblk.input;

import java.util.Locale;

/**
 * How much of an input is read. A line longer than {@code maxLineBytes} is cut (its first bytes
 * kept, the rest skipped and said so), so one 1 GB line of zeros costs no more memory than a
 * short one; reading stops after {@code maxInputBytes} (decompressed), so {@code /dev/zero} or a
 * gzip bomb ends with a message instead of filling the disk or running until killed.
 *
 * <p>Set with {@code --max-line SIZE} and {@code --max-input SIZE}, or the system properties
 * {@code virtblk.maxLine} and {@code virtblk.maxInput}; sizes take K, M and G (binary).
 */
public record Limits(int maxLineBytes, long maxInputBytes) {

    /** Far above any log line; a fio JSON document squeezed onto one line by {@code jq -c} still fits. */
    public static final int DEFAULT_MAX_LINE = 4 << 20;
    /** Sixteen times the 2 GB kern.log users bring; only something endless gets there. */
    public static final long DEFAULT_MAX_INPUT = 32L << 30;

    public Limits {
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("the line limit must be at least 1K, not " + maxLineBytes + " bytes");
        }
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("the input limit must be at least 1 byte");
        }
    }

    /** The defaults, or what the system properties say. */
    public static Limits standard() {
        String line = System.getProperty("virtblk.maxLine");
        String input = System.getProperty("virtblk.maxInput");
        return new Limits(line == null ? DEFAULT_MAX_LINE : (int) Math.min(Integer.MAX_VALUE - 64, parseSize(line)),
                input == null ? DEFAULT_MAX_INPUT : parseSize(input));
    }

    public Limits withMaxLine(long bytes) {
        return new Limits((int) Math.min(Integer.MAX_VALUE - 64, bytes), maxInputBytes);
    }

    public Limits withMaxInput(long bytes) {
        return new Limits(maxLineBytes, bytes);
    }

    /** {@code 1048576}, {@code 64K}, {@code 4M}, {@code 32G} (powers of 1024); an IllegalArgumentException says what is wrong. */
    public static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> { }
            }
        }
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 15) {
            throw new IllegalArgumentException("not a size: '" + text + "'; write bytes or a number with K, M or G, e.g. 4M");
        }
        long v = Long.parseLong(digits);
        if (v > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: " + text);
        }
        return v << shift;
    }

    /** A byte count as people read it: 4 MiB, 32 GiB, 512 bytes. */
    public static String shown(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
