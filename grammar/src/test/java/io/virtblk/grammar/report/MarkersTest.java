package io.virtblk.grammar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pass that tells which markers a line holds, whatever the line's characters are. */
class MarkersTest {

    private final Markers markers = new Markers(
            List.of("BUG:", "invoked oom-killer", " ? ", "Kernel panic - not syncing", "WARNING:", "X!"),
            List.of(1, 2, 4, 8, 1, 16));

    @Test
    void findsEachMarkerWhereverItStands() {
        assertEquals(1, markers.scan("BUG: KASAN: use-after-free in foo"));
        assertEquals(1, markers.scan("some text then WARNING:"));
        assertEquals(2, markers.scan("syz-executor.0 invoked oom-killer: gfp_mask=0x0"));
        assertEquals(4, markers.scan(" ? __schedule+0x10/0x20"));
        assertEquals(8 | 1, markers.scan("Kernel panic - not syncing: BUG: fatal exception"));
    }

    @Test
    void aMarkerOfTwoCharactersIsFound() {
        assertEquals(16, markers.scan("X!"));
        assertEquals(16 | 1, markers.scan("BUG: X! at the end X!"));
        assertEquals(0, markers.scan("X ! x!"));
    }

    @Test
    void manyMarkersSharingPairsAreEachFoundWhole() {
        // 500 markers, most sharing their pair with others: each must still be told apart
        java.util.List<String> strings = new java.util.ArrayList<>();
        java.util.List<Integer> bits = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            strings.add("m" + i + "#");
            bits.add(1 << (i % 31));
        }
        Markers many = new Markers(strings, bits);
        for (int i = 0; i < 500; i++) {
            assertEquals(1 << (i % 31), many.scan("a line with m" + i + "# in it"), "m" + i + "#");
        }
        assertEquals(0, many.scan("a line with m500 # and m# only"));
    }

    @Test
    void markersBeyondLatin1AreFoundOnEveryLine() {
        Markers users = new Markers(List.of("Ошибка:", "x→y", "€!", "BUG:"), List.of(1, 2, 4, 8));
        assertEquals(1, users.scan("kernel: Ошибка: foo"));
        assertEquals(2, users.scan("map x→y done"));
        assertEquals(4 | 8, users.scan("price €! now BUG: x"));
        assertEquals(1, users.scan("\uD83D\uDE00 Ошибка: after an emoji"));
        assertEquals(0, users.scan("x?y ?! Ошибка"));
    }

    @Test
    void aLineWithoutMarkersOrTooShortHasNone() {
        assertEquals(0, markers.scan("virtio_blk virtio1: [vda] 2097152 512-byte logical blocks"));
        assertEquals(0, markers.scan("BUG"), "a marker's prefix is not the marker");
        assertEquals(0, markers.scan(""));
        assertEquals(0, markers.scan("B"));
    }

    @Test
    void charactersBeyondAsciiNeitherHideNorFakeAMarker() {
        // Latin-1 characters are read as bytes; 'Ã' is 0xC3, whose low seven bits are 'C'
        assertEquals(1, markers.scan("café Ã BUG: x"));
        assertEquals(0, markers.scan("ÂÕG: ÂUG:"), "a character whose low bits spell a pair is not that pair");
        // a line holding characters outside Latin-1 (here a surrogate pair) is read as characters, at the right places
        assertEquals(1 | 2, markers.scan("\uD83D\uDE00 task invoked oom-killer and BUG: after an emoji"));
        assertEquals(4, markers.scan("中文 ? frame"));
    }

    @Test
    void everyMarkerIsFoundWhereverItStandsAsContainsWouldFindIt() {
        // markers of many lengths over a small alphabet, so they overlap, repeat and share windows;
        // lines from the same alphabet (and Latin-1 and wider characters), each checked against contains
        java.util.Random r = new java.util.Random(20261202);
        String alphabet = "ab:G ?-Kx\u00e9\u00c3";
        for (int round = 0; round < 200; round++) {
            java.util.List<String> strings = new java.util.ArrayList<>();
            java.util.List<Integer> bits = new java.util.ArrayList<>();
            int count = 1 + r.nextInt(12);
            for (int i = 0; i < count; i++) {
                strings.add(random(r, alphabet, 2 + r.nextInt(round % 3 == 0 ? 3 : 9)));
                bits.add(1 << i);
            }
            Markers ms = new Markers(strings, bits);
            for (int line = 0; line < 200; line++) {
                String text = random(r, alphabet + (line % 7 == 0 ? "\u4e2d" : ""), r.nextInt(40));
                int expected = 0;
                for (int i = 0; i < count; i++) {
                    expected |= text.contains(strings.get(i)) ? bits.get(i) : 0;
                }
                assertEquals(expected, ms.scan(text), strings + " in '" + text + "'");
            }
        }
    }

    private static String random(java.util.Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
