"""Where the machine's CPU went in each phase of bench/attacks.py: the server (gunicorn's
master and workers, the recycled ones too), the bench's own clients by kind (each client
thread's CPU time), and the rest of the machine (other people's jobs on a shared box).

On two cores the clients run beside the server: every CPU-second an attacking client spends
building and reading its requests is one the workers cannot have. That cost is the bench's,
not the site's (an attacker's machine is not the server's), so it is reported apart.

    meter = CpuMeter(server.pid); before = meter.sample(); …; used = meter.since(before)
"""

import os
import time

TICK = os.sysconf("SC_CLK_TCK")


def _fields(pid):
    """/proc/PID/stat after the command name: state is [0], ppid [1], utime [11] …"""
    with open(f"/proc/{pid}/stat") as handle:
        return handle.read().rsplit(")", 1)[1].split()


def server_seconds(master):
    """CPU seconds of gunicorn's master, its live workers and the workers it reaped."""
    try:
        own = _fields(master)
    except OSError:
        return 0.0
    ticks = sum(int(v) for v in own[11:15])  # utime, stime, cutime, cstime
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = _fields(name)
        except OSError:
            continue
        if fields[1] == str(master):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


def machine_seconds():
    """(busy, idle) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / TICK, idle / TICK


def bench_seconds():
    """CPU seconds of this process (every client thread) and its reaped children (Apart)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class CpuMeter:
    def __init__(self, master):
        self.master = master

    def sample(self):
        busy, idle = machine_seconds()
        return time.monotonic(), busy, idle, server_seconds(self.master), bench_seconds()

    def since(self, before):
        """{wall, server, bench, rest, idle} seconds since ``before`` (a sample())."""
        now = self.sample()
        wall, busy, idle, server, bench = (b - a for a, b in zip(before, now, strict=True))
        return {
            "wall": wall,
            "server": server,
            "bench": bench,
            "rest": max(0.0, busy - server - bench),
            "idle": idle,
        }


def client_cpu(client):
    """Seconds of CPU a client thread used (set when its loop ends), 0 if unknown."""
    return getattr(client, "cpu", 0.0)


def cpu_report(phases):
    """Lines: per kind of phase, the cores each part of the machine used on average."""
    totals = {}
    for kind, _, _, clients, used in phases:
        entry = totals.setdefault(kind, {"wall": 0.0, "server": 0.0, "rest": 0.0, "idle": 0.0})
        for key in ("wall", "server", "rest", "idle"):
            entry[key] += used[key]
        for client in clients:
            name = type(client).__name__
            entry[name] = entry.get(name, 0.0) + client_cpu(client)
    lines = []
    for kind, entry in totals.items():
        wall = entry.pop("wall") or 1.0
        parts = [f"server {entry.pop('server') / wall:.2f}"]
        rest, idle = entry.pop("rest"), entry.pop("idle")
        parts += [f"{name} clients {seconds / wall:.2f}" for name, seconds in sorted(entry.items())]
        parts += [f"rest of machine {rest / wall:.2f}", f"idle {idle / wall:.2f}"]
        lines.append(f"  {kind:<7} " + " · ".join(parts))
    return lines
