#!/usr/bin/python3
"""Gated passthrough FUSE filesystem used by bench/capture-block-case (case 'stalled').

    gatedfs.py BACKING_DIR MOUNTPOINT GATEFILE LOGFILE

Mirrors BACKING_DIR at MOUNTPOINT (python3-fusepy, libfuse2).  While GATEFILE
exists, every read/write/fsync request waits in the daemon before touching the
backing file, so a loop device whose backing file lives here stops completing.
Removing GATEFILE lets the waiting requests through.  If the environment sets
GATEDFS_DELAY_MS, every read/write also takes that long (a slow backing store),
which keeps the request rate, and so the trace, small without throttling fio.

LOGFILE gets one line per gated request (CLOCK_MONOTONIC seconds) and a
per-second summary while traffic flows.
"""
import errno
import os
import sys
import threading
import time

from fusepy import FUSE, FuseOSError, Operations

POLL = 0.01
DELAY = float(os.environ.get("GATEDFS_DELAY_MS", "0")) / 1000.0


class Gate:
    def __init__(self, path, log):
        self.path = path
        self.log = log
        self.lock = threading.Lock()
        self.ops = {}
        self.held = 0
        self.held_total = 0

    def closed(self):
        return os.path.exists(self.path)

    def pass_through(self, op, off, size):
        with self.lock:
            self.ops[op] = self.ops.get(op, 0) + 1
        if DELAY and op != "fsync":
            time.sleep(DELAY)
        if not self.closed():
            return
        start = time.monotonic()
        with self.lock:
            self.held += 1
            self.held_total += 1
            now_held = self.held
        self.log("HOLD %s off=%d len=%d tid=%d held=%d" % (op, off, size, threading.get_native_id(), now_held))
        while self.closed():
            time.sleep(POLL)
        with self.lock:
            self.held -= 1
        self.log("PASS %s off=%d len=%d tid=%d after=%.3fs" % (op, off, size, threading.get_native_id(),
                                                              time.monotonic() - start))


class GatedFS(Operations):
    def __init__(self, backing, gatefile, logfile):
        self.backing = os.path.realpath(backing)
        self._logf = open(logfile, "a", buffering=1)
        self._loglock = threading.Lock()
        self.gate = Gate(gatefile, self.log)
        self.log("START backing=%s gate=%s delay_ms=%g pid=%d" % (self.backing, gatefile, DELAY * 1000, os.getpid()))
        threading.Thread(target=self._summary, daemon=True).start()

    def log(self, msg):
        with self._loglock:
            self._logf.write("%.6f %s\n" % (time.monotonic(), msg))

    def _summary(self):
        prev = None
        while True:
            time.sleep(1)
            with self.gate.lock:
                cur = (tuple(sorted(self.gate.ops.items())), self.gate.held, self.gate.held_total)
            if cur != prev:
                self.log("SUMMARY ops=%s held_now=%d held_total=%d gate_closed=%s"
                         % (dict(cur[0]), cur[1], cur[2], self.gate.closed()))
                prev = cur

    def _real(self, path):
        return os.path.join(self.backing, path.lstrip("/"))

    # --- metadata -------------------------------------------------------
    def getattr(self, path, fh=None):
        try:
            st = os.lstat(self._real(path))
        except OSError as e:
            raise FuseOSError(e.errno)
        keys = ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime", "st_ctime")
        return {k: getattr(st, k) for k in keys}

    def readdir(self, path, fh):
        return [".", ".."] + sorted(os.listdir(self._real(path)))

    def statfs(self, path):
        sv = os.statvfs(self._real(path))
        keys = ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree",
                "f_favail", "f_flag", "f_namemax")
        return {k: getattr(sv, k) for k in keys}

    def access(self, path, amode):
        if not os.access(self._real(path), amode):
            raise FuseOSError(errno.EACCES)

    def truncate(self, path, length, fh=None):
        os.truncate(self._real(path), length)

    def utimens(self, path, times=None):
        os.utime(self._real(path), times)

    # --- data -----------------------------------------------------------
    def open(self, path, flags):
        # the backing file is always used through the page cache of the backing fs
        return os.open(self._real(path), flags & ~(os.O_DIRECT | os.O_CREAT | os.O_EXCL | os.O_TRUNC))

    def read(self, path, size, offset, fh):
        self.gate.pass_through("read", offset, size)
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        self.gate.pass_through("write", offset, len(data))
        return os.pwrite(fh, data, offset)

    def fsync(self, path, datasync, fh):
        self.gate.pass_through("fsync", 0, 0)
        if datasync:
            os.fdatasync(fh)
        else:
            os.fsync(fh)
        return 0

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        os.close(fh)
        return 0


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    backing, mnt, gatefile, logfile = sys.argv[1:]
    FUSE(GatedFS(backing, gatefile, logfile), mnt, foreground=True, nothreads=False,
         fsname="gatedfs", subtype="gatedfs")


if __name__ == "__main__":
    main()
