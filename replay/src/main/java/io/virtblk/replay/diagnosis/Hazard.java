package io.virtblk.replay.diagnosis;

/**
 * A hazard of the driver as seen in one run: manifest when it made the run stall, otherwise a
 * risk or latent defect, with the evidence. Its id and title are the driver's
 * ({@link io.virtblk.replay.driver.Driver#hazards}).
 */
public record Hazard(String id, String title, boolean manifest, String evidence) {
}
