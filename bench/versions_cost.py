"""What keeping versions (django-reversion) costs on a big ingest: the People's Daily
1998-01 corpus ingested with and without a version recorded per stored page.

    .venv/bin/python bench/versions_cost.py [--runs 2]

Each run starts from an empty archive in a temp folder (SQLite + Whoosh) and runs
`manage.py ingest pfr_199801.gbk.txt.xz --format pfr` in a child process; "without" turns
archive.versions.record into a no-op in that child (nothing else changes). Runs alternate,
as the machine is shared. Reports wall time, articles per second, the database file's size
and the reversion tables' rows. Medians over runs.
"""

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS_GBK, PYTHON, REPO, archive_env, machine, median, require_corpus  # noqa: E402

ARTICLES = 3148
CHILD = """
import sys, django
django.setup()
if sys.argv[1] == "without":
    from archive import versions
    versions.record = lambda *args, **kwargs: None
from django.core.management import call_command
call_command("ingest", sys.argv[2], "--format", "pfr")
"""


def one_run(mode):
    with tempfile.TemporaryDirectory(prefix="bench-versions-") as tmp:
        env = archive_env(tmp)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput"], cwd=REPO, env=env, check=True,
            capture_output=True,
        )  # fmt: skip
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "-c", CHILD, mode, str(CORPUS_GBK)], cwd=REPO, env=env, check=True,
            capture_output=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        db = Path(tmp) / "archive.sqlite3"
        with sqlite3.connect(db) as conn:
            versions = conn.execute("SELECT count(*) FROM reversion_version").fetchone()[0]
            revisions = conn.execute("SELECT count(*) FROM reversion_revision").fetchone()[0]
        return {"seconds": seconds, "db_mb": db.stat().st_size / 1e6, "versions": versions,
                "revisions": revisions}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    require_corpus()
    print(machine())
    results = {"with": [], "without": []}
    for n in range(1, args.runs + 1):
        for mode in ("with", "without"):
            run = one_run(mode)
            results[mode].append(run)
            print(f"run {n}/{args.runs} {mode:>7} versions: {run['seconds']:.1f} s, "
                  f"{ARTICLES / run['seconds']:.0f} articles/s, db {run['db_mb']:.1f} MB, "
                  f"{run['revisions']} revisions / {run['versions']} versions", flush=True)  # fmt: skip
    for mode, runs in results.items():
        seconds = median([r["seconds"] for r in runs])
        db_mb = median([r["db_mb"] for r in runs])
        print(f"median {mode:>7} versions: {seconds:.1f} s, {ARTICLES / seconds:.0f} articles/s, "
              f"db {db_mb:.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
