"""The attacker's pass of issue 18, bounded: 0 answers 5xx, and readers keep their throughput.

    .venv/bin/python bench/attacks.py [--issues 31] [--seconds 30] [--rounds 2] [--readers 4]

Builds a throwaway archive (the demo page and the first ISSUES issues of the People's Daily
1998-01 corpus, a staff account), serves it with gunicorn (2 workers, the settings as
shipped: rate limits on), and runs ROUNDS times three phases of SECONDS each, with the same
READERS readers throughout (an attack runs LEAD_IN seconds before readers are counted, so the
figures are those of a lasting attack, not of its first seconds):
  quiet     the readers alone;
  search    three attackers send the worst searches they can build, to /search/ and
            /api/search: the archive's 40, 179 and 200 commonest characters one by one, 100
            of them joined by OR, 10,000 characters of its text (the target: readers keep
            80 % of their quiet throughput);
  all       the same, and a mischief client sending the other attacks (NUL in paths and
            parameters, an admin filter ?kind=%00 as staff, numbers of 2**70, broken UTF-8,
            a spoofed X-Forwarded-For, API and feed floods) and a sprayer trying passwords
            over 40 usernames and the editor's, from one address.
Every client has its own loopback address (127.0.0.x), as distinct readers would. Readers
browse like people (pages, articles, people) and search now and then (one search every four
seconds each, 15 a minute, under the 20 a minute a client may make).

Afterwards the editor logs in from another address (the sprayer must not have locked them
out), and `manage.py ingest` is fed a compression bomb, a page bomb and JSON nested 100,000
deep (each must end in one clear line, fast, with little memory).

Prints the load average (a shared machine: compare the ratios, not the absolute figures),
readers' requests/s quiet and under attack and their ratio, latencies, every client's
answers by status, and 5xx (must be 0). Loopback only; every loop is bounded in time.
"""

import argparse
import datetime
import json
import lzma
import multiprocessing
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from attack_clients import (  # noqa: E402
    Apart,
    Attacker,
    Mischief,
    Reader,
    Sprayer,
    kind_of,
    log_in,
    request,
)
from attack_cpu import CpuMeter, cpu_report  # noqa: E402
from common import (  # noqa: E402
    CORPUS_GBK,
    PYTHON,
    REPO,
    archive_env,
    machine,
    manage,
    median,
    percentile,
    start_gunicorn,
    stop_gunicorn,
    wait_for,
)

SEED = REPO / "fixtures" / "jzrb-2020-01-27-p1.txt"
PASSWORD = "attack-bench-Zq8vN2xR7m"
CJK = re.compile(r"[\u4e00-\u9fff]{2,4}")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def worst_queries(frequent, text):
    """The costliest queries the attacker's pass found, from the archive's own characters:
    the commonest single characters (each a prefix over every bigram it starts), alone or
    joined by OR, and a long run of real text."""
    return [
        " ".join(frequent[:40]),
        " ".join(frequent[:179]),
        " ".join(frequent[:200]),
        " OR ".join(frequent[:100]),
        text[:10_000],
    ]


# -- the archive -------------------------------------------------------------------------


def build(data_dir, issues):
    manage(data_dir, "migrate", "--noinput")
    manage(data_dir, "ingest", str(SEED))
    if issues and CORPUS_GBK.exists():
        from archive.ingest.pfr import read_pfr

        path = data_dir / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for doc in list(read_pfr(CORPUS_GBK))[:issues]:
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        manage(data_dir, "ingest", str(path))
        path.unlink()
    manage(data_dir, "createsuperuser", "--noinput", "--username", "editor", "--email",
           "editor@example.cn", DJANGO_SUPERUSER_PASSWORD=PASSWORD)  # fmt: skip


def reader_pages(db_path, rng):
    """URLs of pages that exist: issues, pages, articles, people; and search words."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT n.slug, i.date, p.number, a.id, a.title FROM archive_article a "
        "JOIN archive_page p ON a.page_id = p.id JOIN archive_issue i ON p.issue_id = i.id "
        "JOIN archive_newspaper n ON i.newspaper_id = n.id WHERE a.published"
    ).fetchall()
    people = [slug for (slug,) in con.execute("SELECT slug FROM archive_person LIMIT 300")]
    con.close()
    rng.shuffle(rows)
    pages = ["/", "/people/"] + [f"/people/{urllib.parse.quote(s)}/" for s in people[:100]]
    for slug, date, number, pk, _ in rows[:300]:
        pages += [f"/{slug}/", f"/{slug}/{date[:4]}/", f"/{slug}/{date}/"]
        pages += [f"/{slug}/{date}/{number}/", f"/{slug}/{date}/{number}/{pk}/"]
    words = [w for *_, title in rows[:500] for w in CJK.findall(title)][:300]
    return pages, words or ["防控"], [row[3] for row in rows]


def archive_text(db_path):
    """(the 200 commonest characters of the stored text, 10,000 characters of it)."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    texts = [json.loads(p) for (p,) in con.execute("SELECT paragraphs FROM archive_article")]
    con.close()
    text = "".join(paragraph for paragraphs in texts for paragraph in paragraphs)
    common = [c for c, _ in Counter(CJK_CHAR.findall(text)).most_common(200)]
    return common, text[:10_000]


# -- phases ----------------------------------------------------------------------------------


def phase(kind, seconds, make_clients, meter, lead_in=0):
    """Run the clients for lead_in + seconds; readers are measured over the last `seconds`
    (an attack's first burst, before its limits bite, falls in the lead-in). The CPU used is
    measured over the whole phase, lead-in included."""
    stop = multiprocessing.get_context("fork").Event()  # seen by Apart's process too
    clients = make_clients(stop)
    cpu_before = meter.sample()
    started = time.monotonic()
    for client in clients:
        client.start()
    time.sleep(lead_in + seconds)
    stop.set()
    for client in clients:
        client.join(timeout=90)  # a search running when the phase ends finishes first
    used = meter.since(cpu_before)
    clients = [c for client in clients for c in unpacked(client)]
    return kind, started + lead_in, started + lead_in + seconds, clients, used


def unpacked(client):
    """The clients behind an Apart (a process of attackers), or the client itself."""
    return client.unpacked() if isinstance(client, Apart) else [client]


def reader_stats(phases):
    """Per kind of phase: reader requests answered within the phase, per second; latencies."""
    stats = {}
    for kind, start, end, clients, _ in phases:
        entry = stats.setdefault(
            kind, {"ok": 0, "seconds": 0.0, "latencies": [], "other": Counter()}
        )
        entry["seconds"] += end - start
        for client in clients:
            if not isinstance(client, Reader):
                continue
            for finished, status, took, _ in client.answers:
                if not start <= finished <= end:
                    continue
                if isinstance(status, int) and status < 400:
                    entry["ok"] += 1
                    entry["latencies"].append(took * 1000)
                else:
                    entry["other"][status] += 1
    return stats


def answers_by_client(phases):
    table = {}
    for _, _, _, clients, _ in phases:
        for client in clients:
            answers = getattr(client, "answers", [])
            counts = answers if isinstance(answers, Counter) else Counter(a[1] for a in answers)
            table.setdefault(type(client).__name__, Counter()).update(counts)
    return table


def worker_time(access_log):
    """{client kind: (seconds the workers spent on its requests, requests)} from the log."""
    totals = {}
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 3:
            continue
        seconds, count = totals.get(kind_of(parts[0]), (0.0, 0))
        totals[kind_of(parts[0])] = (seconds + float(parts[1]), count + 1)
    return totals


# -- the command line's attacks -----------------------------------------------------------


def measured_ingest(data_dir, path):
    """(exit code, last line of stderr, seconds, peak MB) of `manage.py ingest path`."""
    wrapper = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True,"
        " text=True); print(r.returncode); print((r.stderr.strip().splitlines() or [''])[-1]);"
        " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "-c", wrapper, PYTHON, "manage.py", "ingest", str(path)],
        cwd=REPO, env=archive_env(data_dir), capture_output=True, text=True, timeout=600,
    ).stdout.splitlines()  # fmt: skip
    return int(out[0]), out[1], time.perf_counter() - started, int(out[2]) / 1024


def cli_attacks(data_dir):
    folder = Path(tempfile.mkdtemp(prefix="attacks-"))
    bomb = folder / "bomb.json.xz"
    with lzma.open(bomb, "wb", preset=9) as handle:
        for _ in range(500):
            handle.write(b" " * (1024 * 1024))  # 500 MB of nothing
    page_bomb = folder / "jzrb-2020-01-29-p1.txt.xz"
    with lzma.open(page_bomb, "wb", preset=9) as handle:
        handle.write(SEED.read_bytes())
        for _ in range(512):
            handle.write(b"\n" * (1024 * 1024))  # a page that unpacks to 512 MB
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    results = []
    for label, path in [("json.xz bomb", bomb), ("page .xz bomb", page_bomb), ("deep", deep)]:
        code, last, seconds, peak = measured_ingest(data_dir, path)
        results.append((label, path.stat().st_size, code, last, seconds, peak))
    return results


# -- report ---------------------------------------------------------------------------------


def settings_in_force(data_dir):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.RATE_LIMIT_SEARCH, s.RATE_LIMIT_SEARCH_TIME, s.RATE_LIMIT_API, "
        "s.RATE_LIMIT_FEEDS, s.RATE_LIMIT_ERRORS, s.LOGIN_FAILURES_PER_ADDRESS, "
        "s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=REPO, env=archive_env(data_dir), capture_output=True, text=True
    )
    return result.stdout.strip()


def report(phases, staff_login, cli, args, data_dir):
    stats = reader_stats(phases)
    rates = {kind: entry["ok"] / entry["seconds"] for kind, entry in stats.items()}
    print(f"\nreaders ({args.readers}, each its own address), {args.rounds} rounds of "
          f"{args.seconds} s per phase (attacks measured after a {args.lead_in} s lead-in):")  # fmt: skip
    for kind, entry in stats.items():
        lat = entry["latencies"]
        print(f"  {kind:<7} {rates[kind]:6.1f} requests/s   p50 {median(lat):6.0f} ms   "
              f"p95 {percentile(lat, 0.95):6.0f} ms   not 2xx/3xx: {dict(entry['other']) or 0}")  # fmt: skip
    ratio = rates["search"] / rates["quiet"] if rates["quiet"] else 0
    print(
        f"  while three clients send the worst searches, readers keep {ratio:.0%} of their "
        "quiet throughput (target ≥ 80 %)"
    )
    print(f"  under every attack at once they keep {rates['all'] / rates['quiet']:.0%}")
    print("\nanswers by client kind (all phases):")
    fivexx = 0
    for kind, counts in answers_by_client(phases).items():
        shown = ", ".join(f"{s}: {n}" for s, n in sorted(counts.items(), key=str))
        print(f"  {kind:<9} {shown}")
        fivexx += sum(n for s, n in counts.items() if not isinstance(s, int) or s >= 500)
    print("\nworkers' time by client (seconds in the worker, all phases; 2 workers):")
    for kind, (seconds, count) in sorted(worker_time(data_dir / "access.log").items()):
        print(f"  {kind:<9} {seconds:7.1f} s over {count:5} requests")
    print("\ncores used on average per phase (lead-ins included; 2 cores):")
    print("\n".join(cpu_report(phases)))
    print(f"\nthe editor logging in from another address after the spraying: {staff_login}")
    print("\nmanage.py ingest fed:")
    for label, size, code, last, seconds, peak in cli:
        print(f"  {label:<14} {size:>9,} bytes → exit {code} in {seconds:4.1f} s, "
              f"peak {peak:4.0f} MB: {last[:150]}")  # fmt: skip
    print(f"\n5xx or no answer: {fivexx} (must be 0)")
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if fivexx:
        text = (data_dir / "server.log").read_text(encoding="utf-8", errors="replace")
        for chunk in text.split("Traceback")[1:3]:
            print("server traceback:" + chunk[-1500:])
    return fivexx == 0 and ratio >= 0.8 and staff_login == 302


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=31, help="corpus issues to store")
    parser.add_argument("--seconds", type=int, default=30, help="length of each phase")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--lead-in", type=int, default=10, help="seconds of each attack before readers count"
    )
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8772)
    parser.add_argument("--archive", help="a data folder to build once and reuse")
    parser.add_argument(
        "--attackers-apart",
        action="store_true",
        help="run the attacking clients in a process of their own (see attack_clients.Apart)",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now().isoformat(timespec='seconds')}")
    print("load average at start: {:.2f} {:.2f} {:.2f} (a shared machine)".format(*os.getloadavg()))
    data_dir = Path(args.archive or tempfile.mkdtemp(prefix="archive-attacks-"))
    built = time.perf_counter()
    if not (data_dir / "archive.sqlite3").exists():
        build(data_dir, args.issues)
    rng = random.Random(18)
    pages, words, article_ids = reader_pages(data_dir / "archive.sqlite3", rng)
    queries = worst_queries(*archive_text(data_dir / "archive.sqlite3"))
    print(
        f"archive: {len(article_ids):,} published articles in {time.perf_counter() - built:.0f} s"
    )
    print(f"limits (search, search time, api, feeds, errors, login failures, cache): "
          f"{settings_in_force(data_dir)}")  # fmt: skip
    port = args.port
    access = data_dir / "access.log"
    access.unlink(missing_ok=True)  # gunicorn appends: a reused archive keeps no old runs
    server, log = start_gunicorn(data_dir, port, data_dir / "server.log", access_log=access)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        for path in pages[:20] + ["/search/?q=%E9%98%B2", "/api/search?q=%E9%98%B2"]:  # warm
            request(port, "127.0.0.9", path)
        _, session = log_in(port, "127.0.0.60", "editor", PASSWORD)

        def readers(stop):
            return [
                Reader(
                    f"reader{n}", f"127.0.0.{10 + n}", port, stop, pages, words, random.Random(n)
                )  # fmt: skip
                for n in range(args.readers)
            ]

        def attackers(stop):
            return [
                Attacker(
                    f"attacker{n}", f"127.0.0.{100 + n}", port, stop, random.Random(n), queries
                )
                for n in range(3)
            ]

        def others(stop):
            mischief = Mischief("mischief", "127.0.0.150", port, stop, session or "", article_ids)
            return [mischief, Sprayer("127.0.0.200", port, stop)]

        def search_attack(stop):
            if args.attackers_apart:
                return readers(stop) + [Apart(attackers, stop)]
            return readers(stop) + attackers(stop)

        def every_attack(stop):
            if args.attackers_apart:
                both = lambda stop: attackers(stop) + others(stop)  # noqa: E731
                return readers(stop) + [Apart(both, stop)]
            return search_attack(stop) + others(stop)

        phases, meter = [], CpuMeter(server.pid)
        for _ in range(args.rounds):
            phases.append(phase("quiet", args.seconds, readers, meter))
            phases.append(phase("search", args.seconds, search_attack, meter, args.lead_in))
            phases.append(phase("all", args.seconds, every_attack, meter, args.lead_in))
        staff_login, _ = log_in(port, "127.0.0.50", "editor", PASSWORD)
    finally:
        stop_gunicorn(server, log)
    cli = cli_attacks(data_dir)
    if not report(phases, staff_login, cli, args, data_dir):
        sys.exit(1)


if __name__ == "__main__":
    main()
