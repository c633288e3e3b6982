"""Server CPU per answer: what one reader page, one search, one 429 and one 414 cost the
gunicorn workers (CPU ticks from /proc, not wall time, so a loaded machine moves it less).

    .venv/bin/python bench/answer_costs.py --archive /tmp/attack-archive [--port 8790]

The archive is one bench/attacks.py built (--archive). One client, one request at a time;
each attacker kind from its own address, so the first searches are admitted and the rest
are 429s. Figures are per request; the tick is 10 ms, so take many requests.
"""

import argparse
import json
import re
import sqlite3
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attack_clients import request  # noqa: E402
from attack_cpu import server_seconds  # noqa: E402
from common import machine, start_gunicorn, stop_gunicorn, wait_for  # noqa: E402


def queries(db_path):
    """(179 commonest characters one by one, 10,000 characters of text), quoted."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    text = "".join(
        p for (ps,) in con.execute("SELECT paragraphs FROM archive_article") for p in json.loads(ps)
    )
    con.close()
    common = [c for c, _ in Counter(re.findall(r"[\u4e00-\u9fff]", text)).most_common(179)]
    return urllib.parse.quote(" ".join(common)), urllib.parse.quote(text[:10_000])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", required=True, help="a data folder bench/attacks.py built")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--count", type=int, default=300, help="requests per cheap kind")
    args = parser.parse_args()
    data = Path(args.archive)
    many, long = queries(data / "archive.sqlite3")
    print(f"machine: {machine()}")
    server, log = start_gunicorn(data, args.port, data / "costs-server.log")
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz")
        time.sleep(1)

        def measure(label, address, path, n):
            before, statuses = server_seconds(server.pid), Counter()
            for i in range(n):
                statuses[request(args.port, address, path(i) if callable(path) else path)[0]] += 1
            cpu = (server_seconds(server.pid) - before) / n * 1000
            print(f"  {label:<38} {n:4} × {cpu:6.2f} ms   {dict(statuses)}")

        n = args.count
        measure(
            "first searches (distinct queries)",
            "127.0.0.9",
            lambda i: f"/search/?q=%E9%98%B2{i}",
            4,
        )
        measure("home page", "127.0.0.10", "/", n // 3)
        measure("issue list /jzrb/", "127.0.0.11", "/jzrb/", n // 3)
        measure("179 characters, admitted", "127.0.0.100", f"/search/?q={many}", 5)
        measure("179 characters, 429 page", "127.0.0.100", f"/search/?q={many}", n)
        api = f"/api/search?q={many}&page_size=100"
        measure("179 characters, 429 JSON", "127.0.0.100", api, n)
        measure("10,000 characters, 414 (gunicorn)", "127.0.0.101", f"/search/?q={long}", n)
    finally:
        stop_gunicorn(server, log)


if __name__ == "__main__":
    main()
