"""Server time of every reader page: home, calendar, issue, page, article, people, feeds,
sitemaps and search.

    .venv/bin/python bench/pages.py [--scale 1] [--requests 200]
                                    [--engine tantivy] [--data-dir DIR]

Uses the archive search_http.py prepares (/tmp/archive-bench-<scale>x, built if missing;
with --engine, /tmp/archive-bench-<scale>x-<engine> or --data-dir, as search_http.py names it),
starts gunicorn (2 workers) on 127.0.0.1 with an access log that records each request's
server time (gunicorn's %(D)s, microseconds, from request parsed to response written), and
fetches each kind of page REQUESTS times, one client, over distinct objects drawn with a fixed
seed (issues, articles and people at random; "person, top 10" cycles through the ten people
mentioned most). Prints p50/p95 of the server time and of the client's round trip, then the
same URLs through Django's test Client in this process (no HTTP, no gunicorn) for comparison.
Loopback only; every loop is bounded.
"""

import argparse
import datetime
import os
import random
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import machine, median, percentile, require_corpus  # noqa: E402
from search_http import (  # noqa: E402
    ENGINE_ENV,
    ENGINE_URLS,
    corpus_documents,
    draw_queries,
    fetch,
    prepare,
    start_server,
    stop_server,
    wait_for,
)

ACCESS_FORMAT = "%(s)s %(D)s %(U)s"  # status, server time in µs, path


def pick_urls(count, seed, docs):
    """{kind: [path, …]} with `count` paths per kind, from the archive Django is set up on."""
    from django.db.models import Count
    from django.urls import reverse

    from archive.models import Article, Issue, Page, Person
    from archive.sitemaps import PART_SIZE
    from archive.views.browse import PEOPLE_PER_PAGE

    rng = random.Random(seed)
    issues = list(
        Issue.objects.select_related("newspaper").filter(pages__articles__published=True).distinct()
    )
    page_ids = sorted(
        set(Page.objects.filter(articles__published=True).values_list("pk", flat=True))
    )
    pages = Page.objects.select_related("issue__newspaper").in_bulk(
        rng.sample(page_ids, min(count, len(page_ids)))
    )
    months = sorted({(i.newspaper.slug, i.date.year, i.date.month) for i in issues})
    article_ids = list(Article.objects.filter(published=True).values_list("pk", flat=True))
    article_parts = -(-len(article_ids) // PART_SIZE)
    articles = Article.objects.select_related("page__issue__newspaper").in_bulk(
        rng.sample(article_ids, min(count, len(article_ids)))
    )
    people = list(Person.objects.annotate(n=Count("mentions")).filter(n__gt=0).order_by("-n", "pk"))
    index_pages = [  # (initial, page) for every page the people index has
        (initial, page)
        for initial, n in Person.objects.in_print().initial_counts()
        for page in range(1, -(-n // PEOPLE_PER_PAGE) + 1)
    ]
    queries = draw_queries(docs, count, seed)

    def cycle(items):
        return [items[n % len(items)] for n in range(count)]

    return {
        "home": ["/"] * count,
        "issue": cycle([i.get_absolute_url() for i in rng.sample(issues, min(count, len(issues)))]),
        "article": cycle([a.get_absolute_url() for a in articles.values()]),
        "person": cycle(
            [p.get_absolute_url() for p in rng.sample(people, min(count, len(people)))]
        ),
        "person, top 10": cycle([p.get_absolute_url() for p in people[:10]]),
        "calendar": cycle(
            [
                reverse("archive:paper-month", args=m)
                for m in rng.sample(months, min(count, len(months)))
            ]
        ),
        "page": cycle([p.get_absolute_url() for p in pages.values()]),
        "people index": [
            "/people/?" + urllib.parse.urlencode({"initial": initial, "page": page})
            for initial, page in (rng.choice(index_pages) for _ in range(count))
        ],
        "feed": ["/feeds/issues/"] * count,
        "sitemap index": ["/sitemap.xml"] * count,
        "sitemap part": [
            f"/sitemap-articles.xml?p={rng.randint(1, article_parts)}" for _ in range(count)
        ],
        "search": [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in queries],
    }


def new_lines(path, offset):
    with open(path, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        text = handle.read()
        return text.splitlines(), handle.tell()


def over_http(data_dir, port, urls, ready="/healthz"):
    """{kind: (server ms list, client ms list, non-200 count)}."""
    access_log = data_dir / "pages-access.log"
    access_log.write_text("")
    server, log = start_server(
        data_dir,
        port,
        data_dir / "server.log",
        extra=["--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT],
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        wait_for(base + ready)
        for paths in urls.values():  # warm both workers on every kind of page
            for path in paths[:10]:
                fetch(base + path)
        time.sleep(0.2)
        _, offset = new_lines(access_log, 0)
        for kind, paths in urls.items():
            client = [fetch(base + path) for path in paths]
            time.sleep(0.2)  # let the last access-log line reach the file
            lines, offset = new_lines(access_log, offset)
            server_ms = [int(line.split()[1]) / 1000 for line in lines if line.startswith("200 ")]
            errors = sum(1 for status, _, _ in client if status != 200)
            results[kind] = (server_ms, [s * 1000 for st, s, _ in client if st == 200], errors)
    finally:
        stop_server(server, log)
    return results


def in_process(urls):
    """{kind: ms list} through django.test.Client: the view, middleware and template only."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for paths in urls.values():
        for path in paths[:10]:
            client.get(path)
    for kind, paths in urls.items():
        times = []
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code == 200:
                times.append(elapsed)
        results[kind] = times
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--copy-timeout", type=int, default=1800)
    parser.add_argument("--engine", choices=ENGINE_URLS, default="default")
    parser.add_argument("--data-dir", help="the archive's folder (as search_http.py's)")
    parser.add_argument(
        "--database-url",
        help="build and serve the archive on PostgreSQL, e.g. "
        "postgres://postgres@127.0.0.1:5432/archive_bench_10x (emptied first)",
    )
    args = parser.parse_args()
    if args.database_url:
        ENGINE_ENV["DATABASE_URL"] = args.database_url
        args.data_dir = args.data_dir or f"/tmp/archive-bench-{args.scale}x-postgres"
    if ENGINE_URLS[args.engine]:
        ENGINE_ENV["SEARCH_URL"] = ENGINE_URLS[args.engine]
        args.data_dir = args.data_dir or f"/tmp/archive-bench-{args.scale}x-{args.engine}"
    require_corpus()
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now().isoformat(timespec='seconds')}")
    print("load average at start: {:.2f} {:.2f} {:.2f} (a shared machine)".format(*os.getloadavg()))
    docs = corpus_documents()
    data_dir, record = prepare(args.scale, False, docs, args.copy_timeout, args.data_dir)
    print(f"engine: {args.engine} (SEARCH_URL={ENGINE_ENV.get('SEARCH_URL', '')!r})")
    print(f"database: {args.database_url or 'SQLite in the data folder'}")

    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SEARCH_URL", None)
    os.environ.update(ENGINE_ENV)
    import django

    django.setup()
    urls = pick_urls(args.requests, args.seed, docs)
    if record.get("grown"):  # its index holds the first copy only: search is not measured
        del urls["search"]

    # A grown archive's index holds one copy: /healthz rightly says it is out of step.
    http = over_http(data_dir, args.port, urls, ready="/" if record.get("grown") else "/healthz")
    local = in_process(urls)
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    print(
        f"\npage times, gunicorn 2 workers, one client, {record['articles']:,} articles "
        f"({args.scale}×), {args.requests} requests per kind (ms):"
    )
    print(
        f"{'page':<16}{'server p50':>11}{'p95':>8}{'client p50':>12}{'p95':>8}"
        f"{'in-process p50':>16}{'p95':>8}  errors"
    )
    for kind in urls:
        server_ms, client_ms, errors = http[kind]
        print(
            f"{kind:<16}{median(server_ms):>11.1f}{percentile(server_ms, 0.95):>8.1f}"
            f"{median(client_ms):>12.1f}{percentile(client_ms, 0.95):>8.1f}"
            f"{median(local[kind]):>16.1f}{percentile(local[kind], 0.95):>8.1f}  {errors}"
        )
    worst, kind = max((percentile(http[k][0], 0.95), k) for k in urls)
    print(
        f"target: every page p95 ≤ 100 ms server time: "
        f"{'met' if worst <= 100 else 'NOT met'} (worst p95 {worst:.1f} ms, {kind})"
    )
    if any(errors for _, _, errors in http.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
