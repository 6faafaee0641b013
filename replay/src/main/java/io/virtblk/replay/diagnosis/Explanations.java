package io.virtblk.replay.diagnosis;

import io.virtblk.replay.driver.Driver;
import io.virtblk.replay.model.Calibration;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.TraceEvent;
import java.util.Optional;

/**
 * The plain-language account of a stall: the driver's own for its hazards, and what to read when
 * the stall is none of them or not the device's at all.
 */
final class Explanations {

    private Explanations() {
    }

    static String of(Driver driver, String hazard, Run run, TraceEvent at, Calibration cal, String source) {
        Optional<String> own = hazard == null ? Optional.empty() : driver.explain(hazard, run, at, cal, source);
        if (own.isPresent()) {
            return own.get();
        }
        if (run.sessions().isEmpty()) {
            return "The log says the machine stopped making progress (line " + at.line() + "), but the device logged no activity in "
                    + "this run: the stall is not " + driver.name() + "'s. Read the kernel's report and its call trace "
                    + "('context 20 " + at.line() + "@" + source + "').";
        }
        return "The log and fio say the run stopped making progress after line " + at.line() + ", but the model of " + driver.name()
                + " finds no hazard in the device's events: look at the kernel's reports and the lines around it ('context 10 "
                + at.line() + "@" + source + "').";
    }
}
