package io.virtblk.shell.replay;

import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.driver.Drivers;
import io.virtblk.replay.repro.Reproducer;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.trace.TraceEvent;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.WriteFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code repro [RUN] [--source S] [--gap SECONDS] [--out FILE] [--json]}: the smallest event
 * sequence that still stalls, and a fio job file. It works on the replay {@code replay} made (the
 * same runs, sessions and model), so a run replay calls stalled in the model always minimises.
 */
public final class ReproCommand implements Command {

    @Override
    public String name() {
        return "repro";
    }

    @Override
    public String synopsis() {
        return "repro [RUN] [--source S] [--gap SECONDS] [--out FILE.fio] [--json]";
    }

    @Override
    public String summary() {
        return "minimise a stalled run to a reproducer and write a fio job file for it";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of("--source", "--out", "--gap"));
        Integer only = ReplayCommand.runNumber(name(), a);
        double gap = ReplayCommand.gap(name(), a);
        List<Replays> all = ReplayCommand.replays(session, a.option("--source"), null, gap);
        for (Replays r : all) {
            for (RunDiagnosis d : r.diagnoses()) {
                boolean chosen = only != null ? d.run().number() == only : d.verdict().equals(RunDiagnosis.STALLED);
                if (!chosen) {
                    continue;
                }
                if (!d.modelVerdict().equals(RunDiagnosis.STALLED)) {
                    throw new CommandException("repro: " + notInTheModel(r, d));
                }
                Reproducer.Result res;
                try {
                    res = Reproducer.minimise(d.run(), r.calibration(), Drivers.model(r.model()));
                } catch (io.virtblk.replay.repro.JobFile.Refused e) {
                    throw new CommandException("repro: no job file written: " + e.getMessage()
                            + "; a log whose values would add lines of their own to a job file is not turned into one");
                } catch (IllegalArgumentException e) {
                    throw new CommandException("repro: " + e.getMessage());
                }
                Path out = Path.of(a.option("--out") != null ? a.option("--out") : "virtblk-repro-run" + d.run().number() + ".fio");
                try {
                    Files.writeString(out, res.fioJobFile());
                } catch (IOException e) {
                    throw new CommandException("repro: " + WriteFailure.of(out, e));
                }
                out = out.toAbsolutePath(); // said in full: without --out the file lands in the current folder, wherever that is
                print(d, res, out, a.flag("--json"), session);
                return;
            }
        }
        throw new CommandException("repro: " + (only != null ? "no run " + only : "no run stalled") + "; see 'replay'");
    }

    /** Why the model has nothing to minimise, in replay's words, with what to look at instead. */
    static String notInTheModel(Replays r, RunDiagnosis d) {
        int n = d.run().number();
        if (d.verdict().equals(RunDiagnosis.STALLED)) {
            return "run " + n + " stalled (the log says so; 'replay " + n + "' shows the evidence), but the " + r.model()
                    + " model replays its device events to the end without a hazard, so there is nothing the model can minimise:"
                    + " the stall is not one the model knows; read the kernel's reports ('triage')";
        }
        List<Integer> stalled = r.diagnoses().stream().filter(x -> x.modelVerdict().equals(RunDiagnosis.STALLED)).map(x -> x.run().number()).toList();
        return "run " + n + " is " + d.verdict() + " and does not stall in the " + r.model() + " model: nothing to minimise"
                + (stalled.isEmpty() ? "" : "; runs that stall in the model: " + String.join(", ", stalled.stream().map(String::valueOf).toList()));
    }

    /** An event of the reproducer as {@code {"line", "text"}}, in that order every time (Map.of's order changes from run to run). */
    private static Map<String, Object> eventJson(io.virtblk.replay.trace.TraceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", e.line());
        m.put("text", e.firstLine());
        return m;
    }

    private static void print(RunDiagnosis d, Reproducer.Result res, Path out, boolean json, Session session) {
        var o = session.out();
        if (json) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("run", d.run().number());
            m.put("sessions", res.sessions().stream().map(DeviceSession::id).toList());
            m.put("io_sessions", res.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.IO).count());
            m.put("events", res.events().stream().map(ReproCommand::eventJson).toList());
            m.put("tries", res.tries());
            m.put("fixed_model_completes", res.fixedCompletes());
            m.put("hazard", res.hazard());
            m.put("fio_job_file", out.toString());
            m.put("expected_kernel_log", res.expectedLog());
            o.println(Json.write(m));
        } else {
            o.printf("run %d reduced to %d session(s) in %d model runs, still stalling on %s as replay found; the fixed model %s it:%n",
                    d.run().number(), res.sessions().size(), res.tries(), res.hazard(), res.fixedCompletes() ? "completes" : "ALSO STALLS on");
            for (TraceEvent e : res.events()) {
                o.printf("  %5d  %s%n", e.line(), e.firstLine());
            }
            o.println("fio job file written to " + out + ":");
            res.fioJobFile().lines().forEach(l -> o.println("  " + l));
            o.println("expected kernel log:");
            res.expectedLog().lines().forEach(l -> o.println("  " + l));
        }
        o.flush();
    }
}
