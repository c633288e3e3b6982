"""Soak: 8 clients search while an ingest writes; no errors, and nothing lost afterwards.

    .venv/bin/python bench/soak.py [--clients 8] [--seconds 60] [--issues 10] [--port 8765]

Loopback only, bounded in time: the load lasts SECONDS or until the ingest ends, whichever
is later, and never more than 120 s (the ingest is killed then, which the check reports).
It prepares a throwaway archive with the demo page, starts gunicorn (2 workers) on
127.0.0.1, then at once:
  * CLIENTS threads search /search/ and /api/search with queries drawn from the seed page,
  * one ingest stores the first ISSUES issues of the People's Daily corpus as interchange
    JSON (about 100 articles an issue; else, without the corpus, 60 copies of the seed page),
and finally exports the archive and checks it holds every article the ingest stored.
Prints request counts, errors by kind, latency p50/p95, and the export check.
"""

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import (  # noqa: E402
    CORPUS_GBK,
    PYTHON,
    REPO,
    archive_env,
    machine,
    manage,
    median,
    percentile,
    wait_for,
)

SEED = REPO / "fixtures" / "jzrb-2020-01-27-p1.txt"
QUERIES = [
    "王小平",
    "徐衣显",
    "防控",
    "疫情防控阻击战",
    "群防群控",
    "王付举 副市长",
    '"联防联控"',
    "新华社 -本报",
    "习近平 OR 王小平",
    "嘉应观",
    "烟花爆竹",
    "江泽民",
    "人民群众",
    "防控 焦作",
]


def client(base, stop, results, rng):
    while not stop.is_set():
        query = rng.choice(QUERIES)
        path = rng.choice(["/search/", "/api/search"])
        url = f"{base}{path}?{urllib.parse.urlencode({'q': query, 'page': rng.randint(1, 3)})}"
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError) as exc:
            status = f"connection: {exc.__class__.__name__}"
        results.append((status, time.perf_counter() - started))


def page_files(folder, count):
    files = []
    for n in range(count):
        day = 1 + n % 28
        month = 3 + n // 28
        target = folder / f"jzrb-2020-{month:02d}-{day:02d}-p1.txt"
        shutil.copy(SEED, target)
        files.append(target)
    return files


LOAD_LIMIT = 120  # seconds of load at most, the ingest included


def corpus_issues(folder, count):
    """The first COUNT corpus issues as one JSON-lines file; returns (ingest args, articles)."""
    from archive.ingest.pfr import read_pfr

    target = folder / "corpus-issues.jsonl"
    articles = 0
    with target.open("w", encoding="utf-8") as out:
        for n, doc in enumerate(read_pfr(CORPUS_GBK)):
            if n == count:
                break
            articles += sum(len(page["articles"]) for page in doc["pages"])
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return [str(target)], articles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--issues", type=int, default=10, help="corpus issues to ingest")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    seconds = min(args.seconds, 120)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        manage(data, "migrate", "--noinput")
        manage(data, "ingest", str(SEED))
        server_log = open(tmp / "server.log", "w")  # a pipe nobody reads would block workers
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--access-logfile",
                "/dev/null",
                "archive.wsgi:application",
            ],
            cwd=REPO,
            env=archive_env(data),
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        stop, results, threads = threading.Event(), [], []
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_for(f"{base}/healthz")
            threads = [
                threading.Thread(
                    target=client, args=(base, stop, results, random.Random(n)), daemon=True
                )
                for n in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            load_started = time.monotonic()
            if CORPUS_GBK.exists():
                inputs, articles = corpus_issues(tmp, args.issues)
                expected = articles + 9
            else:
                files = page_files(tmp, 60)
                inputs, expected = [str(f) for f in files], 9 * (len(files) + 1)
            started = time.monotonic()
            try:
                ingest = subprocess.run(
                    [PYTHON, "manage.py", "ingest", *inputs],
                    cwd=REPO,
                    env=archive_env(data),
                    capture_output=True,
                    text=True,
                    timeout=LOAD_LIMIT,
                )
            except subprocess.TimeoutExpired:
                ingest = subprocess.CompletedProcess(inputs, 124, "", "ingest over the time limit")
            ingest_time = time.monotonic() - started
            time.sleep(max(0.0, min(seconds, LOAD_LIMIT) - ingest_time))
            load_seconds = time.monotonic() - load_started
        finally:
            stop.set()  # also on an error, so no client thread outlives the server
            for thread in threads:
                thread.join(timeout=40)
            server.terminate()
            server.wait(timeout=30)
            server_log.close()
        log_text = (tmp / "server.log").read_text(encoding="utf-8", errors="replace")
        exported = json.loads(manage(data, "export").stdout)
    stored = sum(len(p["articles"]) for doc in exported for p in doc["pages"])
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = [t * 1000 for status, t in results if status == 200]
    errors = sum(n for status, n in statuses.items() if status != 200)
    print(
        f"ingest: exit {ingest.returncode} in {ingest_time:.1f} s; {ingest.stdout.strip()[-120:]}"
    )
    print(
        f"requests: {len(results)} by {args.clients} clients over {load_seconds:.0f} s; "
        f"statuses {statuses}"
    )
    print(f"latency ms: p50 {median(latencies):.0f}, p95 {percentile(latencies, 0.95):.0f}")
    print(f"export: {stored} articles stored, {expected} expected")
    ok = ingest.returncode == 0 and errors == 0 and stored == expected
    if not ok:
        tracebacks = [chunk for chunk in log_text.split("Traceback")[1:]][:3]
        for chunk in tracebacks:
            print("server traceback:" + chunk[-1500:])
        if ingest.returncode:
            print(ingest.stderr[-2000:])
    print("SOAK PASSED" if ok else "SOAK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
