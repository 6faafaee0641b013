package io.virtblk.grammar.fio;

/**
 * fio's numbers with their units, converted to bytes, bytes per second, microseconds and
 * plain counts. fio 2.x means 1024 by "KB" and "MB"; fio 3.x writes KiB/MiB for 1024 and
 * kB/MB for 1000. A value fio rounded stays rounded: {@code 42.7k} is 42700.
 */
final class FioUnits {

    private FioUnits() {
    }

    /** Thrown with the text that was not a number, so the caller can point at it, and what was expected there. */
    static final class BadNumber extends RuntimeException {
        private final String expected;

        BadNumber(String text) {
            this(text, "a number with a fio unit");
        }

        BadNumber(String text, String expected) {
            super(text, null, false, false);
            this.expected = expected;
        }

        String expected() {
            return expected;
        }
    }

    /**
     * {@code v} as a whole number; {@code text} (where it was read from) is a {@link BadNumber}
     * when it is past what a long holds, instead of being clamped to 2^63-1 without a word.
     */
    static long whole(double v, String text) {
        if (!(Math.abs(v) < 0x1p63)) {
            throw new BadNumber(text, "a number below 2^63");
        }
        return (long) v;
    }

    /** {@code text} as a whole number (no unit), a {@link BadNumber} when it is not one or is past what an int holds. */
    static int wholeInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadNumber(text, "a whole number below 2^31");
        }
    }

    /** {@code text} as a whole number (no unit), a {@link BadNumber} when it is not one or is past what a long holds. */
    static long wholeNumber(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadNumber(text, "a whole number below 2^63");
        }
    }

    /** {@code 42666}, {@code 42.7k}, {@code 1.2M}, {@code 5131.5k}, {@code 2029.2K}, {@code 20.94%}. */
    static double count(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        double scale = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k', 'K' -> scale = 1e3;
            case 'm', 'M' -> scale = 1e6;
            case 'g', 'G' -> scale = 1e9;
            default -> { }
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return times(number(t, text), scale);
    }

    /**
     * {@code v * factor} in decimal, so that 42.7k is 42700 and 820 nsec is 0.82 usec, not
     * 42700.000000000004 and 0.8200000000000001.
     */
    static double times(double v, double factor) {
        return factor == 1 ? v : new java.math.BigDecimal(Double.toString(v)).multiply(new java.math.BigDecimal(Double.toString(factor))).doubleValue();
    }

    /** A size to bytes: {@code 32768KB} (2.x, binary), {@code 32.0MiB}, {@code 33.6MB} (3.x, decimal). */
    static double bytes(String text, boolean fio2) {
        String t = text.strip();
        int i = firstUnitChar(t);
        double v = number(t.substring(0, i), text);
        String unit = t.substring(i);
        return times(v, sizeScale(unit, fio2, text));
    }

    /** A rate to bytes per second: {@code 170667KB/s}, {@code 167MiB/s}. */
    static double bytesPerSecond(String text, boolean fio2) {
        String t = text.strip();
        if (!t.endsWith("/s")) {
            throw new BadNumber(text);
        }
        return bytes(t.substring(0, t.length() - 2), fio2);
    }

    /** A duration to milliseconds: {@code 192msec}, {@code 3002msec}, {@code 4msec}, {@code 2usec}. */
    static double millis(String text) {
        String t = text.strip();
        int i = firstUnitChar(t);
        double v = number(t.substring(0, i), text);
        return switch (t.substring(i)) {
            case "msec", "ms" -> v;
            case "usec", "us" -> v / 1000;
            case "nsec", "ns" -> v / 1_000_000;
            case "sec", "s", "" -> v * 1000;
            default -> throw new BadNumber(text);
        };
    }

    /** 250.0 as "250", 0.002 as "0.002": bucket and bin names. */
    static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Microseconds per unit of a latency header: {@code (nsec)}, {@code (usec)}, {@code (msec)}. */
    static double microsPer(String unit) {
        return switch (unit) {
            case "nsec" -> 0.001;
            case "usec" -> 1;
            case "msec" -> 1000;
            case "sec" -> 1_000_000;
            default -> throw new BadNumber(unit);
        };
    }

    private static double sizeScale(String unit, boolean fio2, String text) {
        double k = fio2 ? 1024 : 1000;
        return switch (unit) {
            case "", "B" -> 1;
            case "KiB" -> 1024;
            case "MiB" -> 1024.0 * 1024;
            case "GiB" -> 1024.0 * 1024 * 1024;
            case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
            case "KB", "kB", "K", "k" -> fio2 || unit.equals("K") ? 1024 : k;
            case "MB", "M" -> fio2 || unit.equals("M") ? 1024.0 * 1024 : k * k;
            case "GB", "G" -> fio2 || unit.equals("G") ? 1024.0 * 1024 * 1024 : k * k * k;
            case "TB", "T" -> fio2 || unit.equals("T") ? 1024.0 * 1024 * 1024 * 1024 : k * k * k * k;
            default -> throw new BadNumber(text);
        };
    }

    private static int firstUnitChar(String t) {
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static double number(String t, String whole) {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BadNumber(whole);
        }
        if (Double.isInfinite(v)) {
            // hundreds of digits: no fio counter gets there, so the digits are damage
            throw new BadNumber(whole, "a number below 10^308");
        }
        return v;
    }
}
