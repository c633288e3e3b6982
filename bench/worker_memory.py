"""gunicorn workers: time to the first search, and memory over 10,000 searches.

    .venv/bin/python bench/worker_memory.py [--searches 10000] [--runs 1] [--fresh]

Prepares a throwaway archive with the whole 1998-01 corpus ingested (cached in
$TMPDIR/archive-bench-worker/<key>, rebuilt when the search code or the corpus changes, or
with --fresh), then for each run starts gunicorn as production does (`-c gunicorn.conf.py`,
2 workers, bound to 127.0.0.1 only, access log off, worker recycling off so a leak would
show) and measures:

* launch → first answer: from starting gunicorn to the first 200 from /api/search;
* worker → first answer: from the worker's fork (its start time in /proc) to that answer;
* each worker's VmRSS (and PSS, which counts pages shared with the master once) when it has
  booted, after 1,000 and after 10,000 searches (two clients, so both workers serve).

Queries: random 2–6 character strings from the corpus, person names, Latin/digit mixes and
odd syntax, some with filters, sorting and later pages; a fixed seed. Stops by itself.
"""

import argparse
import hashlib
import http.client
import json
import lzma
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    CORPUS_GBK,
    CORPUS_JSONL,
    PYTHON,
    REPO,
    archive_env,
    machine,
    manage,
    median,
    require_corpus,
)  # noqa: E402
from search_http import NO_ANSWER_CACHE, NO_RATE_LIMITS  # noqa: E402

GUNICORN = str(Path(PYTHON).parent / "gunicorn")
CACHE = Path(tempfile.gettempdir()) / "archive-bench-worker"
CJK_RUN = re.compile("[\u4e00-\u9fff]{2,}")
NAMES = ["江泽民", "朱镕基", "李鹏", "钱其琛", "邓小平", "克林顿", "胡锦涛", "乔石"]
ODD = ['"', "OR", "-", "title:x", "防控 OR", '"全国 人大', "1998年", "95%", "WTO", "-春节"]
CHECKPOINTS = (1_000, 10_000)


def cache_key():
    """Changes when anything that shapes the stored archive or its index changes."""
    digest = hashlib.sha1()
    paths = sorted((REPO / "archive" / "search").glob("*.py"))
    paths += sorted((REPO / "archive" / "migrations").glob("*.py"))
    paths += [REPO / "archive" / "loading.py", REPO / "archive" / "search_indexes.py"]
    for path in paths:
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(str(CORPUS_GBK.stat().st_size).encode())
    return digest.hexdigest()[:12]


def prepared_data_dir(fresh):
    data_dir = CACHE / cache_key()
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    if (data_dir / "ready").exists():
        return data_dir, False
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    manage(data_dir, "migrate", "--noinput")
    manage(data_dir, "ingest", str(CORPUS_GBK), "--format", "pfr")
    (data_dir / "ready").write_text("ok\n")
    return data_dir, True


def sample_queries(count, rng):
    texts = []
    with lzma.open(CORPUS_JSONL, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append("\n".join(json.loads(line)["paragraphs"]))
    queries = []
    while len(queries) < count:
        roll = rng.random()
        if roll < 0.06:
            q = rng.choice(NAMES)
        elif roll < 0.10:
            q = rng.choice(ODD)
        else:
            runs = CJK_RUN.findall(rng.choice(texts))
            if not runs:
                continue
            run = rng.choice(runs)
            size = rng.randint(2, min(6, len(run)))
            start = rng.randint(0, len(run) - size)
            q = run[start : start + size]
            if roll > 0.9:
                q = f"{q} {rng.choice(NAMES)}"
        params = {"q": q}
        if rng.random() < 0.15:
            params["page"] = str(rng.randint(2, 4))
        if rng.random() < 0.1:
            params["sort"] = rng.choice(["newest", "oldest"])
        if rng.random() < 0.1:
            params["date_from"], params["date_to"] = "1998-01-05", "1998-01-20"
        queries.append("/api/search?" + urllib.parse.urlencode(params))
    return queries


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def memory(pid):
    """(VmRSS, PSS, RssAnon, RssFile) of a process, in MB."""
    rss = pss = anon = mapped = float("nan")
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("RssAnon:"):
                    anon = int(line.split()[1]) / 1024
                elif line.startswith("RssFile:"):
                    mapped = int(line.split()[1]) / 1024
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, pss, anon, mapped


def started_at(pid):
    """A process's start as a time.time() value, from /proc/PID/stat and the boot time."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    ticks = int(fields[19])  # field 22 (starttime); fields[0] is field 3
    with open("/proc/stat") as handle:
        boot = next(int(line.split()[1]) for line in handle if line.startswith("btime"))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def one_run(data_dir, queries, args):
    port = free_port()
    env = archive_env(
        data_dir,
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="1",
        GUNICORN_MAX_REQUESTS="0",  # no recycling while measuring: a leak must show
        GUNICORN_LOG_LEVEL="warning",
        # Searches, not refusals: the rate limits (issue 18) would answer nearly all of
        # these 10,000 with 429, and the answer cache would serve repeats without searching.
        **NO_RATE_LIMITS,
        **NO_ANSWER_CACHE,
    )
    command = [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    command += ["--access-logfile", "/dev/null", "archive.wsgi:application"]
    launched = time.time()
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    errors = []
    threading.Thread(target=lambda: errors.extend(server.stderr), daemon=True).start()
    try:
        workers, deadline = [], time.time() + 120
        while len(workers) < 2:
            if server.poll() is not None or time.time() > deadline:
                sys.exit("gunicorn did not start:\n" + "".join(errors[-30:]))
            workers = children(server.pid)
            time.sleep(0.005)
        forked = {pid: started_at(pid) for pid in workers}
        boot = {pid: memory(pid) for pid in workers}
        first = None
        while first is None:
            try:
                if get(port, queries[0]) == 200:
                    first = time.time()
            except OSError:
                time.sleep(0.01)
            if time.time() > deadline:
                sys.exit("no search answer:\n" + "".join(errors[-30:]))
        samples = {}
        done = 0
        statuses = {}
        lock = threading.Lock()
        todo = iter(queries[1 : args.searches])

        def client():
            nonlocal done
            for path in todo:
                status = get(port, path)
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    done += 1
                    if done + 1 in CHECKPOINTS:
                        samples[done + 1] = {pid: memory(pid) for pid in workers}

        clients = [threading.Thread(target=client) for _ in range(2)]
        started = time.time()
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.time() - started
        if children(server.pid) != workers:
            print(f"  note: workers changed during the run: {workers} → {children(server.pid)}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "launch_first": first - launched,
        "worker_first": first - min(forked.values()),
        "boot": boot,
        "samples": samples,
        "statuses": statuses,
        "rate": (done) / elapsed if elapsed else float("nan"),
        "workers": workers,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached archive")
    args = parser.parse_args()
    require_corpus()
    print(f"machine: {machine()}")
    started = time.time()
    data_dir, built = prepared_data_dir(args.fresh)
    print(
        f"archive: {data_dir} ({'built' if built else 'cached'} in {time.time() - started:.0f} s)"
    )
    queries = sample_queries(args.searches, random.Random(args.seed))
    results = []
    for n in range(1, args.runs + 1):
        result = one_run(data_dir, queries, args)
        results.append(result)
        print(
            f"run {n}: launch → first answer {result['launch_first']:.2f} s, "
            f"worker fork → first answer {result['worker_first']:.2f} s, "
            f"{result['rate']:.0f} searches/s, statuses {result['statuses']}"
        )
        for pid in result["workers"]:
            row = [("boot", result["boot"][pid])]
            row += [(f"{k:,}", result["samples"][k][pid]) for k in sorted(result["samples"])]
            print(f"  worker {pid}:")
            for label, (rss, pss, anon, mapped) in row:
                print(
                    f"    {label:>6}: VmRSS {rss:.0f} MB (anon {anon:.0f}, files {mapped:.0f}), "
                    f"PSS {pss:.0f} MB"
                )

    def worst(key, n=None):
        values = []
        for r in results:
            mem = r["boot"] if n is None else r["samples"].get(n, {})
            values += [m[0] for m in mem.values()]
        return max(values) if values else float("nan")

    last = max(CHECKPOINTS)
    print(
        f"median launch → first answer {median([r['launch_first'] for r in results]):.2f} s, "
        f"worker fork → first answer {median([r['worker_first'] for r in results]):.2f} s "
        f"(target ≤ 2 s); worst worker VmRSS: boot {worst('boot'):.0f} MB, "
        f"after 1,000 {worst('s', 1000):.0f} MB, after {last:,} {worst('s', last):.0f} MB "
        f"(target < 200 MB, flat)"
    )


if __name__ == "__main__":
    main()
