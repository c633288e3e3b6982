"""Ingest the whole People's Daily 1998-01 corpus from its original GBK file, with indexing.

    .venv/bin/python bench/ingest_corpus.py [--runs 3]

Each run starts from an empty archive in a temp folder (SQLite + Whoosh), runs
`manage.py ingest pfr_199801.gbk.txt.xz --format pfr` in a child process, and reports wall
time, articles per second (stored *and* indexed) and the child's peak memory. Medians over runs.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS_GBK, PYTHON, REPO, archive_env, machine, manage, median, require_corpus  # noqa: E402

ARTICLES = 3148


def one_run():
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        manage(tmp, "migrate", "--noinput")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        # A wrapper process so ru_maxrss of *this* child is measured alone.
        result = subprocess.run(
            [
                PYTHON,
                "-c",
                "import resource, subprocess, sys;"
                "r = subprocess.run(sys.argv[1:]);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
                "sys.exit(r.returncode)",
                PYTHON,
                "manage.py",
                "ingest",
                str(CORPUS_GBK),
                "--format",
                "pfr",
            ],
            cwd=REPO,
            env=archive_env(tmp),
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        del before
        if result.returncode != 0:
            sys.exit(f"ingest failed:\n{result.stderr}")
        peak_kb = int(result.stderr.strip().splitlines()[-1])
        counted = manage(
            tmp, "shell", "-c", "from archive.models import Article; print(Article.objects.count())"
        )
        stored = int(counted.stdout.strip().splitlines()[-1])
        searched = manage(
            tmp,
            "shell",
            "-c",
            "from archive.search.engine import search; print(search('江泽民').total)",
            check=False,
        )
        return elapsed, peak_kb / 1024, stored, searched.stdout.strip().splitlines()[-1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    require_corpus()
    print(f"machine: {machine()}")
    times, peaks = [], []
    for n in range(1, args.runs + 1):
        elapsed, peak_mb, stored, hits = one_run()
        times.append(elapsed)
        peaks.append(peak_mb)
        print(
            f"run {n}: {elapsed:.1f} s, {stored / elapsed:.0f} articles/s, "
            f"peak {peak_mb:.0f} MB, stored {stored}, search 江泽民 → {hits or '?'}"
        )
        if stored != ARTICLES:
            sys.exit(f"expected {ARTICLES} articles, stored {stored}")
    t = median(times)
    print(
        f"ingest+index 1998-01 corpus ({ARTICLES} articles): median {t:.1f} s, "
        f"{ARTICLES / t:.0f} articles/s, peak memory median {median(peaks):.0f} MB "
        f"(target ≤ 30 s)"
    )


if __name__ == "__main__":
    main()
