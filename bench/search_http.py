"""Search over HTTP at 1×, 10× or 30× the People's Daily 1998-01 corpus, beside a LIKE scan.

    .venv/bin/python bench/search_http.py [--scale 1|10|30] [--queries 300] [--rebuild]
        [--kinds all|single,digits,… [--per-kind 30]] [--data-dir DIR]
        [--engine default|whoosh|tantivy]

``--engine`` builds and serves the archive with that engine (SEARCH_URL=whoosh: or
tantivy:, an index in the archive's folder); each engine has its own cached archive,
/tmp/archive-bench-<scale>x-<engine> (``default``: the settings' engine, the folder without
a suffix).

Prepares an archive in /tmp/archive-bench-<scale>x (kept and reused; --rebuild starts it
again): copy k of the corpus has its dates shifted by 31·k days, so 30× spans 1998-01-01 to
2000-07-18 with every issue distinct. Each copy is written as interchange JSON lines from
`archive.ingest.pfr.read_pfr` and stored (and indexed) by `manage.py ingest` in a child
process; the build time is printed per copy and in total.

Then it starts gunicorn (2 workers) on 127.0.0.1, draws QUERIES queries from the corpus
(random 2–6 character CJK substrings of article texts, plus the most frequent person names;
fixed seed), warms both workers up with other queries, and measures, one client at a time,
the latency of /search/?q= and /api/search?q=, then pages per second of /search/ with 4
concurrent clients. Last, in the same run, a naive scan over the same texts with Python's
sqlite3 against the same database file, what a simple archive does:

    SELECT id FROM bench_plain_article WHERE published AND (title LIKE ? OR body LIKE ?)

`archive_article.paragraphs` is JSON (readable UTF-8 since migration 0008; archives built
before it held \\u escapes, on which a LIKE would compare 6-byte escapes). So that LIKE scans
the same text whatever the archive's age, the script adds, in the temp database only, a table
holding the same rows with the paragraphs as plain UTF-8 text (one per line, no JSON quoting).
With ``--kinds`` it also measures /search/ for each kind of query of bench/query_kinds.py
(2–6 hanzi, names, single characters, digit runs, Latin, punctuation, any run, byline text,
boolean forms), one client, and prints p50/p95 per kind beside the LIKE scan of the same
queries, and the LIKE/search ratio for the whole mix of kinds.
Loopback only; every loop is bounded.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
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
    require_corpus,
    wait_for,
)
from query_kinds import KINDS, interchange_queries, print_kinds  # noqa: E402

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SHIFT_DAYS = 31  # copy k: every date + 31·k days
BUILD_INFO = "bench-build.json"
PLAIN_TABLE = "bench_plain_article"
# SEARCH_URL of each --engine: an index inside the archive's DATA_DIR.
ENGINE_URLS = {"default": None, "whoosh": "whoosh:", "tantivy": "tantivy:"}
ENGINE_ENV = {}  # set by main(): what the ingests and the server run with
NO_RATE_LIMITS = {
    "RATE_LIMIT_SEARCH": "0",
    "RATE_LIMIT_SEARCH_TIME": "0",
    "RATE_LIMIT_API": "0",
    "RATE_LIMIT_FEEDS": "0",
    "RATE_LIMIT_ERRORS": "0",
}
# The answer cache would serve the API and the 4-client rounds the page round's answers (the
# same queries): every figure here is the search's own cost.
NO_ANSWER_CACHE = {"SEARCH_CACHE_SECONDS": "0"}


def corpus_documents():
    from archive.ingest.pfr import read_pfr

    return list(read_pfr(CORPUS_GBK))


def shifted(doc, copy):
    """The issue document with its date moved by copy·31 days (a deep copy, via JSON)."""
    doc = json.loads(json.dumps(doc, ensure_ascii=False))
    date = datetime.date.fromisoformat(doc["issue"]["date"])
    doc["issue"]["date"] = (date + datetime.timedelta(days=SHIFT_DAYS * copy)).isoformat()
    return doc


# -- the archive ---------------------------------------------------------------------------


def ingest_copy(data_dir, jsonl, timeout):
    """`manage.py ingest` of one copy in a child process: (seconds, the child's peak MB)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        child = subprocess.Popen(
            [PYTHON, "manage.py", "ingest", str(jsonl)],
            cwd=REPO,
            env=archive_env(data_dir, **ENGINE_ENV),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        # Reaped with wait4, which gives this child's own peak memory (ru_maxrss).
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                child.kill()
                sys.exit(f"ingest of {jsonl.name} took over {timeout} s")
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"ingest of {jsonl.name} failed:\n{errors.read()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def build(data_dir, scale, docs, timeout):
    """A fresh archive with `scale` copies of the corpus; returns the build record."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    if ENGINE_ENV.get("DATABASE_URL"):
        empty_postgres(ENGINE_ENV["DATABASE_URL"])
    manage(data_dir, "migrate", "--noinput", **ENGINE_ENV)
    articles = sum(len(p["articles"]) for d in docs for p in d["pages"])
    chars = sum(
        len(x) for d in docs for p in d["pages"] for a in p["articles"] for x in a["paragraphs"]
    )
    per_copy, peaks = [], []
    started = time.perf_counter()
    for copy in range(scale):
        jsonl = data_dir / f"copy-{copy:02d}.jsonl"
        with open(jsonl, "w", encoding="utf-8") as handle:
            for doc in docs:
                handle.write(json.dumps(shifted(doc, copy), ensure_ascii=False) + "\n")
        seconds, peak_mb = ingest_copy(data_dir, jsonl, timeout)
        jsonl.unlink()
        per_copy.append(seconds)
        peaks.append(peak_mb)
        left = (time.perf_counter() - started) / (copy + 1) * (scale - copy - 1)
        print(
            f"  copy {copy + 1}/{scale}: {articles} articles stored+indexed in {seconds:.1f} s "
            f"({articles / seconds:.0f} articles/s, peak {peak_mb:.0f} MB); "
            f"{articles * (copy + 1):,} in all, about {left / 60:.0f} min left",
            flush=True,
        )
    total = time.perf_counter() - started
    record = {
        "scale": scale,
        "articles": articles * scale,
        "chars": chars * scale,
        "build_seconds": round(total, 1),
        "copy_seconds": [round(s, 1) for s in per_copy],
        "copy_peak_mb": [round(m) for m in peaks],
        "built": datetime.datetime.now().isoformat(timespec="seconds"),
        "git": git_state(),
    }
    if not ENGINE_ENV.get("DATABASE_URL"):  # the LIKE baseline reads the SQLite file
        add_plain_table(data_dir / "archive.sqlite3")
    (data_dir / BUILD_INFO).write_text(json.dumps(record, indent=2))
    return record


def empty_postgres(url):
    """Drop and create the benchmark's PostgreSQL database (never one the URL does not name)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("archive_bench"):
        sys.exit(f"the benchmark empties its database: name it archive_bench…, not {name!r}")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')


def git_state():
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def add_plain_table(db_path):
    """The LIKE baseline's table: same ids, titles and flags; paragraphs as plain text."""
    con = sqlite3.connect(db_path)
    con.execute(f"DROP TABLE IF EXISTS {PLAIN_TABLE}")
    con.execute(
        f"CREATE TABLE {PLAIN_TABLE} (id INTEGER PRIMARY KEY, published BOOL, title TEXT, body TEXT)"
    )
    rows = con.execute("SELECT id, published, title, paragraphs FROM archive_article")
    con.executemany(
        f"INSERT INTO {PLAIN_TABLE} VALUES (?, ?, ?, ?)",
        ((pk, pub, title, "\n".join(json.loads(paras))) for pk, pub, title, paras in rows),
    )
    con.commit()
    con.close()


# What an archive's build depends on: if none of it changed, the cached archive is the one a
# new build would give. Views, templates and the pages' queries are not in it.
BUILD_INPUTS = (
    "archive/models.py",
    "archive/people_models.py",
    "archive/migrations",
    "archive/loading.py",
    "archive/people.py",
    "archive/versions.py",
    "archive/search",
    "archive/ingest/interchange.py",
    "archive/ingest/pfr.py",
)


def build_inputs(scale):
    """A digest of the build's inputs: the corpus, the size, the engine and the code that
    stores and indexes."""
    digest = hashlib.sha256(repr((scale, sorted(ENGINE_ENV.items()))).encode())
    stat = CORPUS_GBK.stat()
    digest.update(f"{CORPUS_GBK.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    for name in BUILD_INPUTS:
        path = REPO / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(file.relative_to(REPO)).encode() + file.read_bytes())
    return digest.hexdigest()[:16]


def prepare(scale, rebuild, docs, timeout, data_dir=None):
    """The cached archive of `scale` copies, built again only when asked or when its inputs
    changed since it was built."""
    data_dir = Path(data_dir or f"/tmp/archive-bench-{scale}x")
    info = data_dir / BUILD_INFO
    inputs = build_inputs(scale)
    record = json.loads(info.read_text()) if info.exists() else None
    if record and record.get("grown") and record.get("inputs") != inputs:
        sys.exit(f"{data_dir} was grown by code since changed: run bench/grow.py again")
    if record and not rebuild and record.get("inputs", inputs) == inputs:
        unknown = "" if "inputs" in record else " (its inputs were not recorded)"
        print(
            f"archive: reusing {data_dir} built {record['built']} from {record['git']}{unknown} "
            f"(--rebuild to build again)"
        )
    else:
        why = "its inputs changed" if record and not rebuild else f"{scale}× the corpus"
        print(f"archive: building {data_dir} ({why})", flush=True)
        record = build(data_dir, scale, docs, timeout) | {"inputs": inputs}
        (data_dir / BUILD_INFO).write_text(json.dumps(record, indent=2))
    if record.get("grown"):
        print(f"archive: {record['articles']:,} articles, grown {record['grown']}")
        return data_dir, record
    print(
        f"archive: {record['articles']:,} articles, {record['chars']:,} chars; built in "
        f"{record['build_seconds']:.0f} s = {record['articles'] / record['build_seconds']:.0f} "
        f"articles/s stored+indexed (median per copy {median(record['copy_seconds']):.1f} s)"
        + (f", peak ingest {max(record['copy_peak_mb'])} MB" if record.get("copy_peak_mb") else "")
    )
    return data_dir, record


# -- queries ---------------------------------------------------------------------------


def draw_queries(docs, count, seed):
    """Frequent person names (a fifth) and random 2–6 character CJK substrings; no repeats."""
    rng = random.Random(seed)
    articles = [a for d in docs for p in d["pages"] for a in p["articles"]]
    names = Counter(
        person["name"]
        for a in articles
        for person in a.get("persons", [])
        if len(person["name"]) > 1
    )
    queries = [name for name, _ in names.most_common(count // 5)]
    seen = set(queries)
    texts = ["\n".join(a["paragraphs"]) for a in articles]
    for _ in range(count * 100):  # bounded: far more tries than ever needed
        if len(queries) >= count:
            break
        runs = [r for r in CJK_RUN.findall(rng.choice(texts)) if len(r) >= 2]
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        query = run[start : start + size]
        if query not in seen:
            seen.add(query)
            queries.append(query)
    rng.shuffle(queries)
    return queries


# -- HTTP ----------------------------------------------------------------------------------


def start_server(data_dir, port, log_path, extra=()):
    log = open(log_path, "w")  # noqa: SIM115 — a file, never a pipe nobody reads
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            *extra,  # later options win
            "archive.wsgi:application",
        ],
        cwd=REPO,
        # One benchmark client asks far more than a reader may (archive/throttle.py).
        env=archive_env(data_dir, **NO_RATE_LIMITS, **NO_ANSWER_CACHE, **ENGINE_ENV),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return server, log


def stop_server(server, log):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)
    log.close()


def fetch(url):
    """(status, seconds, bytes) of one GET; a new connection, like a sync gunicorn worker."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return status, time.perf_counter() - started, len(body)


def url_for(base, path, query):
    return f"{base}{path}?{urllib.parse.urlencode({'q': query})}"


def sequential(base, path, queries):
    times, errors = [], Counter()
    for query in queries:
        status, seconds, _ = fetch(url_for(base, path, query))
        if status == 200:
            times.append(seconds * 1000)
        else:
            errors[status] += 1
    return times, errors


def concurrent(base, path, queries, clients):
    """Pages per second: `clients` threads share the query list; each query fetched once."""
    todo = list(reversed(queries))
    lock = threading.Lock()
    results = []

    def client():
        while True:
            with lock:
                if not todo:
                    return
                query = todo.pop()
            results.append(fetch(url_for(base, path, query)))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    wall = time.perf_counter() - started
    ok = [seconds * 1000 for status, seconds, _ in results if status == 200]
    return len(ok) / wall, ok, len(results) - len(ok)


# -- the LIKE baseline -------------------------------------------------------------------


def like_scan(db_path, queries):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    sql = f"SELECT id FROM {PLAIN_TABLE} WHERE published AND (title LIKE ? OR body LIKE ?)"
    con.execute(sql, ("%预热%", "%预热%")).fetchall()  # the file into the page cache
    times, matches = [], 0
    for query in queries:
        pattern = f"%{query}%"
        started = time.perf_counter()
        rows = con.execute(sql, (pattern, pattern)).fetchall()
        times.append((time.perf_counter() - started) * 1000)
        matches += len(rows)
    con.close()
    return times, matches


def stored_form(db_path):
    """How archive_article.paragraphs is stored: escaped (\\uXXXX) or plain UTF-8."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    (paragraphs,) = con.execute("SELECT paragraphs FROM archive_article LIMIT 1").fetchone()
    con.close()
    return "\\u-escaped JSON" if "\\u" in paragraphs else "plain UTF-8 JSON"


def index_megabytes(data_dir):
    """Size of the search index folder(s) in the archive's folder (the pending queue too)."""
    total = 0
    for folder in (data_dir / "index", data_dir / "tantivy-index"):
        if folder.is_dir():
            total += sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return total / 1e6


def line(label, times):
    return f"{label:<34} p50 {median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="copies of the corpus (1, 10, 30)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--rebuild", action="store_true", help="build the cached archive again")
    parser.add_argument("--build-only", action="store_true", help="prepare the archive and stop")
    parser.add_argument(
        "--copy-timeout", type=int, default=1800, help="seconds one copy's ingest may take"
    )
    parser.add_argument("--data-dir", help="the archive's folder (default /tmp/archive-bench-Nx)")
    parser.add_argument("--kinds", default="", help=f"all, or some of: {','.join(KINDS)}")
    parser.add_argument("--per-kind", type=int, default=30)
    parser.add_argument("--engine", choices=ENGINE_URLS, default="default")
    args = parser.parse_args()
    if ENGINE_URLS[args.engine]:
        ENGINE_ENV["SEARCH_URL"] = ENGINE_URLS[args.engine]
        args.data_dir = args.data_dir or f"/tmp/archive-bench-{args.scale}x-{args.engine}"
    kinds = list(KINDS) if args.kinds == "all" else [k for k in args.kinds.split(",") if k]
    require_corpus()
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now().isoformat(timespec='seconds')}")
    print(f"engine: {args.engine} (SEARCH_URL={ENGINE_ENV.get('SEARCH_URL', '')!r})")
    print("load average at start: {:.2f} {:.2f} {:.2f} (a shared machine)".format(*os.getloadavg()))
    docs = corpus_documents()
    data_dir, record = prepare(args.scale, args.rebuild, docs, args.copy_timeout, args.data_dir)
    if args.build_only:
        return
    db_path = data_dir / "archive.sqlite3"
    print(f"index size on disk: {index_megabytes(data_dir):.1f} MB")
    queries = draw_queries(docs, args.queries, args.seed)
    warmup = draw_queries(docs, 40, args.seed + 1)
    print(
        f"queries: {len(queries)} (seed {args.seed}; {args.queries // 5} person names), "
        f"mean {sum(map(len, queries)) / len(queries):.1f} chars"
    )

    base = f"http://127.0.0.1:{args.port}"
    log_path = data_dir / "server.log"
    server, log = start_server(data_dir, args.port, log_path)
    try:
        wait_for(f"{base}/healthz")
        for query in warmup:  # both workers: first searcher open, templates, jieba
            fetch(url_for(base, "/search/", query))
            fetch(url_for(base, "/api/search", query))
        page, page_errors = sequential(base, "/search/", queries)
        api, api_errors = sequential(base, "/api/search", queries)
        rate, busy, busy_errors = concurrent(base, "/search/", queries, args.clients)
        drawn = interchange_queries(docs, kinds, args.per_kind, args.seed) if kinds else {}
        per_kind = {}
        for kind, kind_list in drawn.items():
            per_kind[kind] = sequential(base, "/search/", kind_list)
            page_errors += per_kind[kind][1]
    finally:
        stop_server(server, log)
    errors = page_errors + api_errors + Counter({"concurrent": busy_errors} if busy_errors else {})
    like, matches = like_scan(db_path, queries)
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    print(
        f"\nsearch over HTTP, gunicorn 2 workers, {record['articles']:,} articles ({args.scale}×):"
    )
    print(line("/search/?q=  (1 client)", page))
    print(line("/api/search?q=  (1 client)", api))
    print(line(f"/search/?q=  ({args.clients} clients)", busy))
    print(f"{'/search/ throughput':<34} {rate:.1f} pages/s with {args.clients} clients")
    print(f"errors: {dict(errors) or 'none'}")
    print(
        f"\nLIKE scan (python sqlite3, same DB file; paragraphs stored as {stored_form(db_path)}):"
    )
    print(line("SELECT … LIKE '%q%'", like))
    print(f"{'':<34} {matches:,} matching rows over {len(queries)} queries")
    ratio = median(like) / median(page)
    print(
        f"\nratio LIKE p50 / search page p50 = {ratio:.1f}×   "
        f"(LIKE p50 / api p50 = {median(like) / median(api):.1f}×)"
    )
    if args.scale >= 30:
        p95 = percentile(page, 0.95)
        print(
            f"targets at 30×: search page p95 {p95:.0f} ms (≤ 100: "
            f"{'met' if p95 <= 100 else 'NOT met'}); {ratio:.1f}× faster than LIKE at p50 "
            f"(≥ 10: {'met' if ratio >= 10 else 'NOT met'})"
        )
    if drawn:
        print_kinds(drawn, per_kind, lambda queries: like_scan(db_path, queries)[0])
    if errors:
        text = log_path.read_text(encoding="utf-8", errors="replace")
        for chunk in text.split("Traceback")[1:3]:
            print("server traceback:" + chunk[-1500:])
        sys.exit(1)


if __name__ == "__main__":
    main()
