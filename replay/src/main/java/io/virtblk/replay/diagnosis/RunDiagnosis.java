package io.virtblk.replay.diagnosis;

import io.virtblk.replay.session.Run;
import java.util.List;

/**
 * The diagnosis of one run. {@code verdict} is {@code completed}, {@code stalled},
 * {@code crashed} (the kernel reported a crash, or panicked, in the run's lines: {@code crash} is
 * that report) or {@code incomplete} (the log ends with no sign either way); what the log and fio
 * say outranks what the model predicts. {@code reports} are every kernel report in the run's
 * lines, in order: a warning or a lockdep report leaves the verdict as it is, but is listed. {@code modelVerdict} is the model's own answer for the run's device
 * events ({@code completed} or {@code stalled}), and {@code modelFinish} the kernel time by which
 * the model has every submitted I/O done (null when it stalls) - the what-if of a fixed model.
 */
public record RunDiagnosis(Run run, String verdict, List<Hazard> hazards, Stall stall, List<String> findings, String model,
                           String modelVerdict, Double modelFinish, List<io.virtblk.event.KernelEvent.Report> reports,
                           io.virtblk.event.KernelEvent.Report crash) {

    public static final String COMPLETED = "completed";
    public static final String STALLED = "stalled";
    public static final String INCOMPLETE = "incomplete";
    public static final String CRASHED = "crashed";

    /** The same diagnosis with other findings. */
    public RunDiagnosis withFindings(List<String> findings) {
        return new RunDiagnosis(run, verdict, hazards, stall, findings, model, modelVerdict, modelFinish, reports, crash);
    }
}
