"""A reader pages' archive of N× the corpus in minutes, where ingesting it would take hours.

    .venv/bin/python bench/grow.py --scale 318 [--database-url URL] [--from DIR] [--data-dir DIR]

Starts from a built 1× archive (search_http.py's, built if missing) and copies its issues,
pages, articles and mentions by SQL, N−1 times, each copy's dates moved by SHIFT_DAYS·copy as
search_http.py's ingested copies are. People are not copied: 江泽民 is named in every copy, so
at 318× he is in about 140,000 articles, as in an ingested archive of that size. The search
index is not grown (it holds the first copy only); each person's months are counted again
by ``manage.py check_people --repair``: search is measured on built archives, and
pages.py leaves it out on a grown one. What the pages read — rows, indexes, the planner's
statistics — is what an ingest leaves, except the order of the rows on disk.

The result is a data folder pages.py reuses (--data-dir, and --database-url for PostgreSQL:
the grown database is a copy of the 1× one, named in the URL, archive_bench…).
"""

import argparse
import datetime
import json
import shutil
import sqlite3
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import machine, manage, require_corpus  # noqa: E402
from search_http import (  # noqa: E402
    BUILD_INFO,
    ENGINE_ENV,
    SHIFT_DAYS,
    build_inputs,
    corpus_documents,
    git_state,
    prepare,
)

# Each copied table: {column: the table whose ids it holds}. Ids are moved by the copy's
# number times that table's largest id, so every reference stays inside its copy.
COPIED = {
    "archive_issue": {"id": "archive_issue"},
    "archive_page": {"id": "archive_page", "issue_id": "archive_issue"},
    "archive_article": {
        "id": "archive_article",
        "page_id": "archive_page",
        "continuation_id": "archive_article",
    },
    "archive_mention": {"id": "archive_mention", "article_id": "archive_article"},
}
SHIFTED_DATES = {"archive_issue": "date", "archive_mention": "date"}


class SQLite:
    placeholder = "?"

    def __init__(self, path):
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")

    def columns(self, table):
        return [row[1] for row in self.con.execute(f'PRAGMA table_info("{table}")')]

    def shifted(self, column, days):
        return f"date(\"{column}\", '+{days} days')"

    def run(self, sql):
        return self.con.execute(sql).fetchall()

    def finish(self):
        # No ANALYZE: an archive the loader built has no sqlite_stat1 either, and its guesses
        # differ (a column all NULL, such as continuation_id, reads as unselective).
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()


class PostgreSQL:
    def __init__(self, url):
        import psycopg

        self.con = psycopg.connect(url, autocommit=True)

    def columns(self, table):
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return [name for (name,) in rows]

    def shifted(self, column, days):
        return f'"{column}" + {days}'

    def run(self, sql):
        cursor = self.con.execute(sql)
        return cursor.fetchall() if cursor.description else []

    def finish(self):
        # Ids were given explicitly: the next ingest's ids start after the copies'.
        for table in COPIED:
            self.run(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        self.run("ANALYZE")
        self.con.close()


def copy_database(source_url, target_url):
    """The 1× PostgreSQL database copied whole, as the grown one's start."""
    import psycopg

    source, target = (urllib.parse.urlsplit(u).path.lstrip("/") for u in (source_url, target_url))
    if not target.startswith("archive_bench"):
        sys.exit(f"the benchmark replaces its database: name it archive_bench…, not {target!r}")
    server = urllib.parse.urlunsplit(urllib.parse.urlsplit(target_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        # A template must have no other sessions; the 1× server is not running here.
        con.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def grow(db, scale):
    """Copies 1 … scale−1 of the first copy's rows; prints a line per copy with time left."""
    largest = {table: db.run(f'SELECT max(id) FROM "{table}"')[0][0] for table in COPIED}
    statements = []
    for table, moved in COPIED.items():
        columns = db.columns(table)
        statements.append((table, columns, moved))
    started = time.perf_counter()
    for copy in range(1, scale):
        for table, columns, moved in statements:
            values = []
            for column in columns:
                if column in moved:
                    values.append(f'"{column}" + {copy * largest[moved[column]]}')
                elif SHIFTED_DATES.get(table) == column:
                    values.append(db.shifted(column, SHIFT_DAYS * copy))
                else:
                    values.append(f'"{column}"')
            names = ", ".join(f'"{c}"' for c in columns)
            db.run(
                f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)} FROM "{table}" '
                f"WHERE id <= {largest[table]}"
            )
        done = copy + 1
        if done % 10 == 0 or done == scale:
            spent = time.perf_counter() - started
            left = spent / copy * (scale - done)
            print(f"  copy {done}/{scale}: {spent:.0f} s, about {left:.0f} s left", flush=True)
    db.finish()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--from", dest="source", help="the 1× data folder (search_http.py's)")
    parser.add_argument("--data-dir", help="where the grown archive goes")
    parser.add_argument("--database-url", help="the grown PostgreSQL database (archive_bench…)")
    parser.add_argument("--source-database-url", help="the 1× PostgreSQL database")
    parser.add_argument("--engine", default="tantivy", help="SEARCH_URL of the 1× archive")
    args = parser.parse_args()
    require_corpus()
    print(f"machine: {machine()}")
    ENGINE_ENV["SEARCH_URL"] = f"{args.engine}:"
    where = "postgres" if args.database_url else "sqlite"
    if args.database_url:
        ENGINE_ENV["DATABASE_URL"] = args.source_database_url or args.database_url.replace(
            urllib.parse.urlsplit(args.database_url).path, "/archive_bench_1x"
        )
    default_source = f"/tmp/archive-bench-1x-{'postgres' if args.database_url else args.engine}"
    source, _ = prepare(1, False, corpus_documents(), 1800, args.source or default_source)
    target = Path(args.data_dir or f"/tmp/archive-bench-{args.scale}x-grown-{where}")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    if args.database_url:
        copy_database(ENGINE_ENV["DATABASE_URL"], args.database_url)
        ENGINE_ENV["DATABASE_URL"] = args.database_url
        db = PostgreSQL(args.database_url)
    else:
        db = SQLite(target / "archive.sqlite3")
    print(f"growing {source} to {args.scale}× in {target} ({where})", flush=True)
    seconds = grow(db, args.scale)
    # Each person's months, counted again from the copied mentions (their dates moved).
    started = time.perf_counter()
    done = manage(target, "check_people", "--repair", check=False, **ENGINE_ENV)
    print(done.stdout.strip().splitlines()[-1], f"({time.perf_counter() - started:.0f} s)")
    if args.database_url:
        # Autovacuum would get there in a live archive; the planner needs to know the fresh
        # millions of rows now (it read the person months as 13 rows, not 2.7 million).
        db = PostgreSQL(args.database_url)
        db.run("VACUUM ANALYZE")
        db.con.close()
    seconds += time.perf_counter() - started
    record = json.loads((source / BUILD_INFO).read_text())
    record.update(
        scale=args.scale,
        articles=record["articles"] * args.scale,
        chars=record["chars"] * args.scale,
        build_seconds=round(seconds, 1),
        copy_seconds=[round(seconds / max(1, args.scale - 1), 2)],
        built=datetime.datetime.now().isoformat(timespec="seconds"),
        git=git_state(),
        grown=f"by SQL copies of {source}; the search index holds the first copy only",
        inputs=build_inputs(args.scale),
    )
    (target / BUILD_INFO).write_text(json.dumps(record, indent=2))
    print(f"grown: {record['articles']:,} articles in {seconds:.0f} s → {target}")


if __name__ == "__main__":
    main()
