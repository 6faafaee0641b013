package io.virtblk.replay.block;

import java.util.Map;

/**
 * A device's requests of one direction ({@code read}, {@code write}, {@code discard},
 * {@code flush}, {@code other}; {@code all} for every one), as btt sums them.
 *
 * @param latency   {@code q2g}, {@code g2i}, {@code i2d}, {@code d2c}, {@code q2c}: each only where the
 *                  trace showed both of its steps
 * @param maxInFlight the most requests issued to the device and not yet completed at one time
 */
public record DirectionStats(String direction, int requests, int completed, int errors, int maxInFlight, Map<String, Latency> latency) {

    /** The direction an rwbs string stands for: its first letter that says one. */
    static String of(String rwbs) {
        if (rwbs == null) {
            return "other";
        }
        for (int i = 0; i < rwbs.length(); i++) {
            switch (rwbs.charAt(i)) {
                case 'R': return "read";
                case 'W': return "write";
                case 'D': return "discard";
                default: break;
            }
        }
        return rwbs.indexOf('F') >= 0 ? "flush" : "other";
    }
}
