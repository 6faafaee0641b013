package io.virtblk.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hex spellings of an ioctl are the format strings' they replace, to the digit: the index and the JSON hold them. */
class IoctlTest {

    @Test
    void theCallIdAndTypeAreSpelledAsTheFormatStringsSpelledThem() {
        long[] known = {0, 0x1261L, 0x7100L, 0x80087101L, 0x40087103L, 0xFFFFFFFFL, 0x1FFFFFFFFL, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long cmd : known) {
            same(Ioctl.decode(cmd));
        }
        Random r = new Random(20261202);
        for (int i = 0; i < 100_000; i++) {
            long cmd = switch (i % 3) {
                case 0 -> r.nextInt() & 0xFFFFFFFFL;
                case 1 -> r.nextInt(0x10000);
                default -> r.nextLong();
            };
            same(Ioctl.decode(cmd));
        }
        assertEquals("0x80087101", Ioctl.decode(0x80087101L).cmdHex());
        assertEquals("0x00007100", Ioctl.decode(0x7100L).cmdHex());
        assertEquals("0x71", Ioctl.decode(0x7100L).typeHex());
        assertEquals("0x00", Ioctl.decode(0x5L).typeHex());
    }

    private static void same(Ioctl i) {
        assertEquals(String.format(Locale.ROOT, "0x%08x", i.cmd()), i.cmdHex(), () -> Long.toHexString(i.cmd()));
        assertEquals(String.format(Locale.ROOT, "0x%02x", i.type()), i.typeHex(), () -> Long.toHexString(i.cmd()));
    }
}
