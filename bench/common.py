"""Shared helpers for the benchmarks: paths, a fresh archive in a temp folder, statistics."""

import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS_GBK = SHARED / "corpus" / "pfr_199801.gbk.txt.xz"
CORPUS_JSONL = SHARED / "corpus" / "pfr_199801_articles.jsonl.xz"
PYTHON = sys.executable


def archive_env(data_dir, **extra):
    """Environment for a throwaway archive: its own DATA_DIR, SQLite, the default engine."""
    env = {**os.environ, "DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "archive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_URL", None)
    env.update(extra)
    return env


def manage(data_dir, *args, check=True, **extra_env):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=archive_env(data_dir, **extra_env),
        check=check,
        capture_output=True,
        text=True,
    )


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values):
    return statistics.median(values) if values else float("nan")


def machine():
    """Where and when a figure was taken: host, cores, Python, load average and commit —
    these machines are shared, so a figure means little without the load beside it."""
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}"
        f" · load {load} · commit {commit()}"
    )


def commit():
    """The checkout's commit (with + when it has uncommitted changes), or "unknown"."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def _git(*args):
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    done.check_returncode()
    return done.stdout.strip()


def require_corpus():
    if not CORPUS_GBK.exists():
        sys.exit(f"the corpus is not at {CORPUS_GBK}; benchmarks read it from ../shared")


def wait_for(url, seconds=120):
    """Return once ``url`` answers 200; exit with a message after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url} within {seconds} s")


def start_gunicorn(data_dir, port, log_path, workers=2, access_log=None, **extra_env):
    """gunicorn (gunicorn.conf.py, `workers` workers) on 127.0.0.1:port for a throwaway
    archive; returns (process, log file). Stop it with stop_gunicorn. With `access_log`, each
    request is logged there as: client address, seconds in the worker, status, path."""
    log = open(log_path, "w")  # noqa: SIM115 — a file, never a pipe nobody reads
    command = [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    command += ["--access-logfile", str(access_log or "/dev/null")]
    command += ["--access-logformat", "%(h)s %(L)s %(s)s %(U)s", "archive.wsgi:application"]
    server = subprocess.Popen(
        command,
        cwd=REPO,
        env=archive_env(data_dir, **extra_env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return server, log


def stop_gunicorn(server, log):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)
    log.close()
