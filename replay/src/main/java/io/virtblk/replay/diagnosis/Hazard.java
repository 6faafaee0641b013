package io.virtblk.replay.diagnosis;

/**
 * A hazard of the driver (DESIGN.md section 4) as seen in one run: manifest when it made the run
 * stall, otherwise a risk or latent defect, with the evidence.
 */
public record Hazard(String id, boolean manifest, String evidence) {

    public static final String H1 = "H1";
    public static final String H2 = "H2";
    public static final String H3 = "H3";

    public static String title(String id) {
        return switch (id) {
            case H1 -> "unlocked queue access";
            case H2 -> "worker waits for a SET_BLOCK that never comes";
            case H3 -> "global user-app registration";
            default -> "unknown";
        };
    }
}
