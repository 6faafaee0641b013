#!/usr/bin/python3
"""Ground truth of one capture made by bench/capture-block-case.

    blocktruth.py CASE OUTDIR

Reads OUTDIR/ftrace.txt (block tracepoints, trace_clock=perf), dmesg.txt,
actions.trace.txt (the script's markers, same clock), fio-output.txt, setup.txt
and writes OUTDIR/TRUTH.md and OUTDIR/truth.json.  Everything stated there is
computed here from those files.
"""
import collections
import json
import os
import re
import statistics
import sys

EV_RE = re.compile(r"^\s*(?P<task>.+?)-(?P<pid>\d+)\s+\[(?P<cpu>\d+)\]\s+(?P<flags>\S+)\s+"
                   r"(?P<ts>\d+\.\d+):\s+(?P<ev>\w+):\s+(?P<rest>.*)$")
# block_rq_issue: 7,0 WS 4096 () 246416 + 8 be,0,4 [fio]   block_rq_complete: 7,0 WS () 246416 + 8 be,0,4 [0]
RQ_RE = re.compile(r"^(?P<dev>\d+,\d+)\s+(?P<rwbs>\S+)\s+(?:(?P<bytes>\d+)\s+)?\((?P<cmd>[^)]*)\)\s+"
                   r"(?P<sector>\d+)\s+\+\s+(?P<nr>\d+)(?:\s+\S+)?\s+\[(?P<tail>[^\]]*)\]")
# block_bio_queue / block_getrq / block_bio_backmerge: 7,0 R 31616 + 8 [fio]
BIO_RE = re.compile(r"^(?P<dev>\d+,\d+)\s+(?P<rwbs>\S+)\s+(?P<sector>\d+)\s+\+\s+(?P<nr>\d+)\s+\[(?P<comm>[^\]]*)\]")
MARK_RE = re.compile(r"\s(?P<ts>\d+\.\d+):\s+tracing_mark_write:\s+VBC:\s+(?P<msg>.*)$")
DM_RE = re.compile(r"^\[\s*(?P<ts>\d+\.\d+)\]\s?(?P<msg>.*)$")
HUNG_RE = re.compile(r"INFO: task (?P<comm>.+):(?P<pid>\d+) blocked for more than (?P<secs>\d+) seconds")
FRAME_RE = re.compile(r"^\s*(?P<q>\?\s+)?(?P<fn>[A-Za-z0-9_.]+)\+0x[0-9a-f]+/0x[0-9a-f]+")
SCHED_FRAMES = {"__schedule", "schedule", "io_schedule", "schedule_timeout", "schedule_preempt_disabled",
                "io_schedule_timeout", "__wait_for_common", "rwsem_down_read_slowpath",
                "rwsem_down_write_slowpath"}


def direction(rwbs):
    if rwbs.startswith("F"):
        rest = rwbs[1:]
        if not rest or rest[0] in "FN":
            return "FLUSH"
        return rest[0]
    return rwbs[0] if rwbs else "?"


def pct(vals, p):
    if not vals:
        return None
    s = sorted(vals)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def ms(x):
    return "n/a" if x is None else "%.3f ms" % (x * 1e3)


def parse_trace(path):
    header = []
    evs = []
    for line in open(path, errors="replace"):
        if line.startswith("#"):
            header.append(line.rstrip("\n"))
            continue
        m = EV_RE.match(line)
        if not m:
            continue
        d = m.groupdict()
        d["ts"] = float(d["ts"])
        d["pid"] = int(d["pid"])
        evs.append(d)
    return header, evs


def analyse_trace(evs):
    counts = collections.Counter(e["ev"] for e in evs)
    issued = collections.Counter()
    completed = collections.Counter()
    pend_issue = collections.defaultdict(collections.deque)   # (dir, sector, nr) -> issue records
    pend_q = collections.defaultdict(collections.deque)       # (dir, sector, nr) -> bio_queue records
    pend_g = collections.defaultdict(collections.deque)       # (dir, sector) -> getrq records (with their Q)
    reqs = []        # completed requests
    bios = []        # bio_queue records, with g/d filled in when seen
    errors, requeues = [], []
    q_tasks = collections.Counter()
    completes = []
    unmatched_complete = 0
    seq_end = 0
    for e in evs:
        ev, ts = e["ev"], e["ts"]
        if ev in ("block_bio_queue", "block_getrq", "block_bio_backmerge", "block_bio_frontmerge"):
            b = BIO_RE.match(e["rest"])
            if not b:
                continue
            dr, sec, nr = direction(b["rwbs"]), int(b["sector"]), int(b["nr"])
            if ev == "block_bio_queue":
                rec = {"q": ts, "task": e["task"], "pid": e["pid"], "comm": b["comm"], "rwbs": b["rwbs"],
                       "dir": dr, "sector": sec, "nr": nr, "g": None, "d": None, "merged": False}
                bios.append(rec)
                pend_q[(dr, sec, nr)].append(rec)
                q_tasks["%s-%d" % (e["task"], e["pid"])] += 1
            elif ev == "block_getrq":
                dq = pend_q.get((dr, sec, nr))
                rec = dq.popleft() if dq else None
                if rec:
                    rec["g"] = ts
                g = {"g": ts, "bio": rec, "task": e["task"], "pid": e["pid"]}
                pend_g[(dr, sec)].append(g)
            else:
                dq = pend_q.get((dr, sec, nr))
                if dq:
                    dq.popleft()["merged"] = True
            continue
        if ev not in ("block_rq_issue", "block_rq_complete", "block_rq_requeue", "block_rq_error", "block_rq_insert"):
            continue
        r = RQ_RE.match(e["rest"])
        if not r:
            continue
        dr, sec, nr = direction(r["rwbs"]), int(r["sector"]), int(r["nr"])
        if dr == "FLUSH":   # empty flush: issued as "0 + 0", completed as "<u64 -1> + 0"; pair FIFO
            sec = nr = 0
        if ev == "block_rq_issue":
            issued[dr] += 1
            dq = pend_g.get((dr, sec))
            g = dq.popleft() if dq else None
            if g and g["bio"] is not None:
                g["bio"]["d"] = ts
            pend_issue[(dr, sec, nr)].append({"issue": ts, "rwbs": r["rwbs"], "dir": dr, "sector": sec, "nr": nr,
                                              "bytes": int(r["bytes"] or 0), "task": e["task"], "pid": e["pid"],
                                              "comm": r["tail"], "g": g["g"] if g else None,
                                              "q": g["bio"]["q"] if g and g["bio"] else None})
        elif ev == "block_rq_complete":
            completes.append(ts)
            dq = pend_issue.get((dr, sec, nr))
            if not dq:   # direction letter may differ between issue and completion (flush sequences)
                dq = next((v for k, v in pend_issue.items() if k[1:] == (sec, nr) and v), None)
            if not dq:
                if nr == 0:   # end of a PREFLUSH/FUA sequence: the data part already completed
                    seq_end += 1
                else:
                    unmatched_complete += 1
                continue
            rec = dq.popleft()
            rec["complete"] = ts
            rec["d2c"] = ts - rec["issue"]
            completed[rec["dir"]] += 1
            reqs.append(rec)
        elif ev == "block_rq_requeue":
            requeues.append((ts, e["rest"]))
        elif ev == "block_rq_error":
            errors.append((ts, e["rest"]))
    inflight_end = [x for dq in pend_issue.values() for x in dq]
    return {"counts": counts, "issued": issued, "completed": completed, "reqs": reqs, "bios": bios,
            "errors": errors, "requeues": requeues, "q_tasks": q_tasks, "completes": sorted(completes),
            "inflight_end": inflight_end, "unmatched_complete": unmatched_complete, "seq_end": seq_end}


def parse_marks(path):
    marks = []
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            m = MARK_RE.search(line)
            if m:
                marks.append((float(m["ts"]), m["msg"].strip()))
    return marks


def mark_ts(marks, prefix):
    for ts, msg in marks:
        if msg.startswith(prefix):
            return ts
    return None


def parse_dmesg(path):
    lines = []
    for line in open(path, errors="replace"):
        m = DM_RE.match(line.rstrip("\n"))
        if m:
            lines.append((float(m["ts"]), m["msg"]))
    reports = []
    cur = None
    for ts, msg in lines:
        h = HUNG_RE.search(msg)
        if h:
            cur = {"ts": ts, "comm": h["comm"], "pid": int(h["pid"]), "secs": int(h["secs"]), "frames": [],
                   "state": None}
            reports.append(cur)
            continue
        if cur is None:
            continue
        st = re.search(r"task:\S+\s+state:(\S+)", msg)
        if st:
            cur["state"] = st.group(1)
        f = FRAME_RE.match(msg)
        if f and not f["q"]:
            cur["frames"].append(f["fn"])
        if "</TASK>" in msg:
            cur = None
    for r in reports:
        interest = [f for f in r["frames"] if f not in SCHED_FRAMES]
        r["top"] = interest[0] if interest else (r["frames"][0] if r["frames"] else None)
        r["chain"] = r["frames"][:12]
    other = [(ts, msg) for ts, msg in lines
             if not (HUNG_RE.search(msg) or FRAME_RE.match(msg) or re.match(r"^\s*(<TASK>|</TASK>|Call Trace:|task:|\s*Not tainted|\"echo 0|RIP:|RSP:|RAX:|RDX:|RBP:|R1[0-5]:|R[89]:|\s*</?IRQ>)", msg))]
    return lines, reports, other


def fio_summary(path):
    if not os.path.exists(path):
        return [], []
    txt = open(path, errors="replace").read()
    pids = [(m.group(1), int(m.group(2))) for m in re.finditer(r"^(\S+): \(groupid=\d+, jobs=\d+\): err=\s*\d+: pid=(\d+)", txt, re.M)]
    keep = [l.rstrip() for l in txt.splitlines()
            if re.match(r"^\s+(read|write)\s*:", l) or re.match(r"^\s+clat \(", l) or "err=" in l
            or re.match(r"^\s+(READ|WRITE):", l)]
    return pids, keep


def inflight_at(reqs_all, t):
    return [r for r in reqs_all if r["issue"] <= t and r.get("complete", float("inf")) > t]


def main():
    case, out = sys.argv[1], sys.argv[2]
    devnum, devname = open(os.path.join(out, ".device")).read().split()
    header, evs = parse_trace(os.path.join(out, "ftrace.txt"))
    A = analyse_trace(evs)
    marks = parse_marks(os.path.join(out, "actions.trace.txt"))
    dm_lines, hung, dm_other = parse_dmesg(os.path.join(out, "dmesg.txt"))
    fio_pids, fio_lines = fio_summary(os.path.join(out, "fio-output.txt"))
    setup = open(os.path.join(out, "setup.txt")).read().rstrip() if os.path.exists(os.path.join(out, "setup.txt")) else ""
    reqs = A["reqs"]
    all_reqs = reqs + A["inflight_end"]
    d2c = [r["d2c"] for r in reqs]
    bios = [b for b in A["bios"] if b["g"] is not None]
    q2g = [b["g"] - b["q"] for b in bios]
    q2d = [b["d"] - b["q"] for b in bios if b["d"] is not None]
    ent = next((h for h in header if "entries-in-buffer" in h), "")
    lost = None
    m = re.search(r"entries-in-buffer/entries-written:\s*(\d+)/(\d+)", ent)
    if m:
        lost = int(m.group(2)) - int(m.group(1))
    J = {"case": case, "device": devnum, "devname": devname,
         "trace_lines": len(evs), "lost_events": lost,
         "events": dict(A["counts"]), "issued": dict(A["issued"]), "completed": dict(A["completed"]),
         "inflight_at_end": len(A["inflight_end"]), "errors": len(A["errors"]), "requeues": len(A["requeues"]),
         "unmatched_completions": A["unmatched_complete"],
         "first_event": evs[0]["ts"] if evs else None, "last_event": evs[-1]["ts"] if evs else None,
         "d2c": {"min": min(d2c, default=None), "median": statistics.median(d2c) if d2c else None,
                 "p99": pct(d2c, 99), "max": max(d2c, default=None)},
         "q2g": {"median": statistics.median(q2g) if q2g else None, "p99": pct(q2g, 99), "max": max(q2g, default=None)},
         "q2d": {"median": statistics.median(q2d) if q2d else None, "p99": pct(q2d, 99), "max": max(q2d, default=None)},
         "bio_queue_by_task": dict(A["q_tasks"]),
         "hung_reports": [{k: r[k] for k in ("ts", "comm", "pid", "secs", "state", "top", "chain")} for r in hung],
         "fio_jobs": fio_pids, "marks": marks}
    # largest gap between consecutive completions while something was in flight
    C = A["completes"]
    gap = None
    for a, b in zip(C, C[1:]):
        if gap is None or b - a > gap[1] - gap[0]:
            gap = (a, b)
    if gap:
        J["largest_completion_gap"] = {"from": gap[0], "to": gap[1], "seconds": gap[1] - gap[0],
                                       "in_flight": len(inflight_at(all_reqs, (gap[0] + gap[1]) / 2))}
    L = []
    w = L.append
    sec = lambda t: "n/a" if t is None else "%.6f" % t

    def req_row(r):
        return "| %s | %d+%d | %d | %s | %s | %s | %s-%d [%s] |" % (
            r["rwbs"], r["sector"], r["nr"], r["bytes"], sec(r["issue"]), sec(r.get("complete")),
            "%.4f" % r["d2c"] if "d2c" in r else "never", r["task"], r["pid"], r["comm"])

    # ---------------------------------------------------------------- verdict
    tot_i, tot_c = sum(A["issued"].values()), sum(A["completed"].values())
    hung_s = ", ".join("%s:%d" % x for x in sorted({(r["comm"], r["pid"]) for r in hung}))
    tops = sorted({r["top"] for r in hung if r["top"]})
    if case == "healthy":
        verdict = ("Healthy. %s (%s) ran %d requests; all %d completed, %d errors, %d requeues; "
                   "issue->complete max %s (p99 %s). No hung tasks." % (devname, devnum, tot_i, tot_c,
                   len(A["errors"]), len(A["requeues"]), ms(J["d2c"]["max"]), ms(J["d2c"]["p99"])))
    elif case == "stalled":
        stuck = [r for r in all_reqs if gap and r["issue"] < gap[1] and r.get("complete", float("inf")) >= gap[1]
                 and r.get("d2c", float("inf")) > 1.0]
        waited = [b for b in A["bios"] if gap and gap[0] - 1 <= b["q"] <= gap[1] and (b["g"] is None or b["g"] >= gap[1])]
        J["stuck_requests"] = stuck
        J["bios_waited_for_tag"] = waited
        verdict = ("Stall. %s (%s), backed by a file on a FUSE fs that stopped answering, completed nothing for "
                   "%.3f s (%.6f -> %.6f); %d requests stayed issued-but-incomplete (nr_requests=4), %d more bios "
                   "waited for a tag, and %s were reported hung (%d reports, in %s)."
                   % (devname, devnum, gap[1] - gap[0], gap[0], gap[1], len(stuck), len(waited), hung_s or "no task",
                      len(hung), ", ".join(tops) or "-"))
    elif case == "throttled":
        kw = sum(n for k, n in A["q_tasks"].items() if k.startswith("kworker"))
        iss = sorted(r["issue"] for r in all_reqs)
        rate = (sum(r["nr"] for r in all_reqs) * 512 / 1024.0 / (iss[-1] - iss[0])) if len(iss) > 1 else 0
        verdict = ("Throttled above the device. fio ran inside a blkio v1 cgroup that limits %s (%s); the device got "
                   "%d requests at %.1f KiB/s and completed every one promptly (D2C median %s, max %s), so fio's "
                   "high latency is waiting before the device. On this kernel that wait is not visible as "
                   "Q2G/Q2D (max %s / %s): blk-throttle holds the bio before block_bio_queue, and %d of %d "
                   "bio_queue events came from kworker threads (the throttle releasing held bios) instead of fio. %s"
                   % (devname, devnum, tot_i, rate, ms(J["d2c"]["median"]), ms(J["d2c"]["max"]), ms(J["q2g"]["max"]),
                      ms(J["q2d"]["max"]), kw, len(A["bios"]),
                      ("Hung tasks: %s." % hung_s) if hung else "No hung tasks."))
    else:
        fz, th = mark_ts(marks, "FROZEN"), mark_ts(marks, "THAW start")
        fs0 = mark_ts(marks, "FREEZE start")
        win_issue = [r for r in all_reqs if fz is not None and fz <= r["issue"] <= th]
        win_q = [b for b in A["bios"] if fz is not None and fz <= b["q"] <= th]
        inflight_fz = inflight_at(all_reqs, fz) if fz else []
        # largest in-flight count at any moment inside the frozen window
        ev = sorted([(r["issue"], 1) for r in all_reqs] + [(r["complete"], -1) for r in reqs])
        cur = mx = 0
        cur_at_fz = len(inflight_fz)
        mx = cur_at_fz
        cur = cur_at_fz
        for t, dlt in ev:
            if fz < t <= th:
                cur += dlt
                mx = max(mx, cur)
        J["freeze"] = {"freeze_start": fs0, "frozen": fz, "thaw_start": th, "inflight_at_frozen": cur_at_fz,
                       "max_inflight_while_frozen": mx, "issued_while_frozen": len(win_issue),
                       "bios_queued_while_frozen": len(win_q)}
        verdict = ("Blocked above the block layer. ext4 on %s (%s) was frozen (fsfreeze) for %.3f s "
                   "(%.6f -> %.6f); %s were reported hung (%d reports, in %s) while the device had %d requests "
                   "in flight and %d issued during the freeze."
                   % (devname, devnum, th - fz, fz, th, hung_s or "no task", len(hung), ", ".join(tops) or "-",
                      mx, len(win_issue)))
    J["verdict"] = verdict

    w("# TRUTH - %s" % case)
    w("")
    w("**Expected diagnosis:** " + verdict)
    w("")
    w("Computed by `bench/blocktruth.py` from `ftrace.txt`, `dmesg.txt`, `actions.trace.txt` (the capture "
      "script's markers) and `fio-output.txt`; nothing below was written by hand. Raw numbers: `truth.json`.")
    w("")
    w("## Clock")
    w("All times are kernel `local_clock()` seconds: the ftrace instance used `trace_clock=perf`, which is the "
      "clock of the dmesg `[seconds]` stamps; markers were written to a second instance with the same clock.")
    w("")
    w("## Device and setup")
    w("- Device **%s** = %s (ftrace `dev` field %d). Kernel %s." % (devnum, devname,
      (int(devnum.split(':')[0]) << 20) | int(devnum.split(':')[1]), os.uname().release))
    w(setup)
    w("- fio jobs (from fio-output.txt): " + (", ".join("%s pid=%d" % p for p in fio_pids) or "n/a"))
    w("")
    w("## Timeline (kernel seconds)")
    w("| t | what |")
    w("|---|---|")
    tl = [(t, "marker: " + m) for t, m in marks]
    if evs:
        tl.append((evs[0]["ts"], "first block event"))
        tl.append((evs[-1]["ts"], "last block event"))
    if gap and case == "stalled":
        tl.append((gap[0], "**last completion before the gap**"))
        tl.append((gap[1], "**first completion after the gap**"))
    for r in hung:
        tl.append((r["ts"], "dmesg: hung task %s:%d blocked > %d s" % (r["comm"], r["pid"], r["secs"])))
    for t, m in dm_other:
        tl.append((t, "dmesg: " + m.strip()))
    for t, m in sorted(tl):
        w("| %.6f | %s |" % (t, m.replace("|", "\\|")))
    w("")
    w("## Requests on %s (from ftrace.txt)" % devnum)
    w("- trace: %d event lines, lost events: %s; events: %s" % (len(evs), lost,
      ", ".join("%s %d" % kv for kv in sorted(A["counts"].items()))))
    w("- issued: %s (total %d); completed: %s (total %d); still in flight at end of trace: %d; "
      "errors: %d; requeues: %d; completions without a matching issue: %d (plus %d zero-length completions that "
      "end the flush/FUA sequence of a request already completed)" % (
          dict(A["issued"]), tot_i, dict(A["completed"]), tot_c, len(A["inflight_end"]), len(A["errors"]),
          len(A["requeues"]), A["unmatched_complete"], A["seq_end"]))
    w("- D2C (issue -> complete): min %s, median %s, p99 %s, max %s" % (ms(J["d2c"]["min"]), ms(J["d2c"]["median"]),
      ms(J["d2c"]["p99"]), ms(J["d2c"]["max"])))
    w("- Q2G (bio_queue -> getrq): median %s, p99 %s, max %s; Q2D (bio_queue -> rq_issue): median %s, p99 %s, max %s"
      % (ms(J["q2g"]["median"]), ms(J["q2g"]["p99"]), ms(J["q2g"]["max"]), ms(J["q2d"]["median"]),
         ms(J["q2d"]["p99"]), ms(J["q2d"]["max"])))
    w("- bio_queue events by task (context that ran block_bio_queue): " + "; ".join("%s x%d" % kv for kv in A["q_tasks"].most_common()))
    if gap:
        w("- largest gap between consecutive completions: %.6f -> %.6f (%.3f s), %d requests in flight during it"
          % (gap[0], gap[1], gap[1] - gap[0], J["largest_completion_gap"]["in_flight"]))
    slow = sorted(all_reqs, key=lambda r: -r.get("d2c", 1e9))[:5]
    if case in ("healthy", "throttled", "blocked-above"):
        w("")
        w("Slowest requests (issue -> complete):")
        w("")
        w("| rwbs | sector+nr | bytes | issue | complete | D2C s | issued in |")
        w("|---|---|---|---|---|---|---|")
        for r in slow:
            w(req_row(r))
    if case == "stalled":
        w("")
        w("## Stuck requests: issued before the gap, completed after it: %d" % len(J["stuck_requests"]))
        w("")
        w("| rwbs | sector+nr | bytes | issue | complete | D2C s | issued in (task-pid [comm]) |")
        w("|---|---|---|---|---|---|---|")
        for r in J["stuck_requests"]:
            w(req_row(r))
        w("")
        w("Window: last completion before the gap %.6f -> first completion after it %.6f (%.3f s)."
          % (gap[0], gap[1], gap[1] - gap[0]))
        w("")
        w("## Bios queued that waited for a tag (block_bio_queue, block_getrq only after the gap): %d"
          % len(J["bios_waited_for_tag"]))
        w("")
        w("| rwbs | sector+nr | bio_queue | getrq | wait s | queued by |")
        w("|---|---|---|---|---|---|")
        for b in J["bios_waited_for_tag"]:
            w("| %s | %d+%d | %.6f | %s | %s | %s-%d |" % (b["rwbs"], b["sector"], b["nr"], b["q"], sec(b["g"]),
              "%.4f" % (b["g"] - b["q"]) if b["g"] else "never", b["task"], b["pid"]))
    if case == "throttled":
        iss = sorted(all_reqs, key=lambda r: r["issue"])
        w("")
        w("Throughput seen at the device (issue events):")
        for dr in sorted(A["issued"]):
            rr = [r for r in iss if r["dir"] == dr]
            if len(rr) > 1:
                span = rr[-1]["issue"] - rr[0]["issue"]
                by = sum(r["nr"] for r in rr) * 512
                w("- %s: %d requests, %d bytes in %.3f s (first -> last issue) = %.1f KiB/s, %.1f req/s"
                  % (dr, len(rr), by, span, by / 1024.0 / span, (len(rr) - 1) / span))
                J.setdefault("throughput", {})[dr] = {"requests": len(rr), "bytes": by, "seconds": span,
                                                      "KiB_per_s": by / 1024.0 / span}
        kw = sum(n for k, n in A["q_tasks"].items() if k.startswith("kworker"))
        w("- bio_queue events in kworker context (bios released later by the throttle's dispatch work, not by "
          "fio's own submit): %d of %d" % (kw, len(A["bios"])))
        J["bio_queue_in_kworker"] = kw
        top = sorted([b for b in bios if b["d"] is not None], key=lambda b: -(b["d"] - b["q"]))[:5]
        w("")
        w("Largest Q2D (bio_queue -> rq_issue):")
        w("")
        w("| rwbs | sector+nr | bio_queue | getrq | issue | queued by |")
        w("|---|---|---|---|---|---|")
        for b in top:
            w("| %s | %d+%d | %.6f | %.6f | %.6f | %s-%d |" % (b["rwbs"], b["sector"], b["nr"], b["q"], b["g"], b["d"],
              b["task"], b["pid"]))
        if os.path.exists(os.path.join(out, "cgroup-stats.txt")):
            w("")
            w("cgroup counters after the run (`cgroup-stats.txt`):")
            w("```")
            w(open(os.path.join(out, "cgroup-stats.txt")).read().rstrip())
            w("```")
    if case == "blocked-above":
        F = J["freeze"]
        w("")
        w("## The freeze")
        w("- fsfreeze -f started %s, returned (frozen) %s; fsfreeze -u started %s (frozen for %.3f s)"
          % (sec(F["freeze_start"]), sec(F["frozen"]), sec(F["thaw_start"]), F["thaw_start"] - F["frozen"]))
        w("- requests in flight on %s when the freeze completed: %d; max in flight while frozen: %d; "
          "requests issued while frozen: %d; bios queued while frozen: %d"
          % (devnum, F["inflight_at_frozen"], F["max_inflight_while_frozen"], F["issued_while_frozen"],
             F["bios_queued_while_frozen"]))
        inf_marks = [(t, m) for t, m in marks if "inflight=" in m]
        w("- /sys/block/%s/inflight read by the script: %s" % (devname.split("/")[-1],
          "; ".join("%.3f %s" % (t, m[m.index("inflight="):].split(" hung")[0]) for t, m in inf_marks)))
    w("")
    w("## Hung-task reports (dmesg.txt): %d" % len(hung))
    if hung:
        w("")
        w("| time | task | blocked > | state | frame of interest | stack (non-? frames, innermost first) |")
        w("|---|---|---|---|---|---|")
        for r in hung:
            w("| %.6f | %s:%d | %d s | %s | `%s` | %s |" % (r["ts"], r["comm"], r["pid"], r["secs"], r["state"],
              r["top"], " <- ".join(r["chain"])))
    other = [(t, m) for t, m in dm_other]
    w("")
    w("Other kernel lines in dmesg.txt: %d%s" % (len(other), "".join("\n- `[%.6f] %s`" % (t, m.strip()) for t, m in other[:20])))
    w("")
    w("## fio (fio-output.txt)")
    w("```")
    w("\n".join(fio_lines))
    w("```")
    open(os.path.join(out, "TRUTH.md"), "w").write("\n".join(L) + "\n")
    json.dump(J, open(os.path.join(out, "truth.json"), "w"), indent=1, default=str)
    print(verdict)


if __name__ == "__main__":
    main()
