package io.virtblk.shell;

import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.model.VirtblkiosimModel;
import io.virtblk.replay.repro.Reproducer;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.trace.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code repro [RUN] [--source S] [--out FILE] [--json]}: the smallest event sequence that still stalls, and a fio job file. */
final class ReproCommand implements Command {

    @Override
    public String name() {
        return "repro";
    }

    @Override
    public String synopsis() {
        return "repro [RUN] [--source S] [--out FILE.fio] [--json]";
    }

    @Override
    public String summary() {
        return "minimise a stalled run to a reproducer and write a fio job file for it";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of("--source", "--out"));
        Integer only = ReplayCommand.runNumber(name(), a);
        List<Replays> all = ReplayCommand.replays(session, a.option("--source"), VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP);
        for (Replays r : all) {
            for (RunDiagnosis d : r.diagnoses()) {
                boolean chosen = only != null ? d.run().number() == only : d.verdict().equals(RunDiagnosis.STALLED);
                if (!chosen) {
                    continue;
                }
                Reproducer.Result res;
                try {
                    res = Reproducer.minimise(d.run(), r.calibration(), VirtblkiosimModel.buggy(), VirtblkiosimModel.fixed());
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

    private static void print(RunDiagnosis d, Reproducer.Result res, Path out, boolean json, Session session) {
        var o = session.out();
        if (json) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("run", d.run().number());
            m.put("sessions", res.sessions().stream().map(DeviceSession::id).toList());
            m.put("io_sessions", res.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.IO).count());
            m.put("events", res.events().stream().map(e -> java.util.Map.of("line", e.line(), "text", e.firstLine())).toList());
            m.put("tries", res.tries());
            m.put("fixed_model_completes", res.fixedCompletes());
            m.put("fio_job_file", out.toString());
            m.put("expected_kernel_log", res.expectedLog());
            o.println(Json.write(m));
        } else {
            o.printf("run %d reduced to %d session(s) in %d model runs; the fixed model %s it:%n", d.run().number(), res.sessions().size(),
                    res.tries(), res.fixedCompletes() ? "completes" : "ALSO STALLS on");
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
