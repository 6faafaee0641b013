package io.virtblk.shell.replay;

import io.virtblk.replay.block.DeviceDiagnosis;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code devices [--json]}: every block device of the loaded traces with its verdict and its
 * evidence, and btt's latencies per direction. Everything loaded is one case on one clock: hung
 * tasks come from the kernel logs loaded beside the trace, fio job names from fio's output.
 */
public final class DevicesCommand implements Command {

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public String synopsis() {
        return "devices [--json]";
    }

    @Override
    public String summary() {
        return "each block device of the loaded traces: healthy, stalled, throttled or blocked-above, with the evidence and btt's latencies";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        if (!a.positional().isEmpty()) {
            throw new CommandException("devices: takes no words, found '" + a.positional().get(0) + "'; try: devices --json");
        }
        if (!BlockCase.any(session)) {
            throw new CommandException("devices: no block requests loaded; load a block trace (ftrace text of the block_* events, "
                    + "trace-cmd report, the blk tracer or blkparse), e.g. load trace.txt");
        }
        List<DeviceDiagnosis> devices = BlockCase.diagnose(session);
        if (a.flag("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("devices", BlockView.json(devices));
            Json.write(session.out(), m);
        } else {
            BlockView.text(devices, true, session.out());
        }
        session.out().flush();
    }
}
