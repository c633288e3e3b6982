"""Ingest the whole People's Daily 1998-01 corpus from its original GBK file, with indexing.

    .venv/bin/python bench/ingest_corpus.py [--runs 3] [--procs N] [--against DIR]
                                            [--search-url tantivy:]

Each run starts from an empty archive in a temp folder (SQLite + Whoosh), runs
`manage.py ingest pfr_199801.gbk.txt.xz --format pfr` in a child process, and reports wall
time, articles per second (stored *and* indexed), the child's peak memory and the size of
the search index. Medians over runs.

--procs N sets SEARCH_WRITER_PROCS (Whoosh's multi-process writer for big batches).
--against DIR also runs another checkout of the archive (e.g. `git worktree add /tmp/base
HEAD~1`, or `git archive HEAD | tar -x -C DIR` before your changes) in the same session,
alternating runs, and prints the ratio: the machine is shared, so only figures measured
side by side compare.
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


def index_size(data_dir):
    """Bytes of the search index: Whoosh's DATA_DIR/index or tantivy's DATA_DIR/tantivy-index."""
    folders = [Path(data_dir) / name for name in ("index", "tantivy-index")]
    return sum(f.stat().st_size for d in folders if d.is_dir() for f in d.rglob("*") if f.is_file())


def one_run(repo=REPO, procs=None, search_url=None):
    extra = {} if procs is None else {"SEARCH_WRITER_PROCS": str(procs)}
    if search_url:
        extra["SEARCH_URL"] = search_url
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput"],
            cwd=repo,
            env=archive_env(tmp, **extra),
            check=True,
            capture_output=True,
        )
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
            cwd=repo,
            env=archive_env(tmp, **extra),
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        size_mb = index_size(tmp) / 1e6
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
            "from archive.search import search; print(search('江泽民').total)",
            check=False,
            **extra,
        )
        return elapsed, peak_kb / 1024, stored, searched.stdout.strip().splitlines()[-1:], size_mb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--procs", type=int, help="SEARCH_WRITER_PROCS for the ingest")
    parser.add_argument("--against", type=Path, help="another checkout to run alternately")
    parser.add_argument("--search-url", help="SEARCH_URL for the ingest (default: Whoosh)")
    args = parser.parse_args()
    require_corpus()
    print(f"machine: {machine()}")
    setups = [("this", REPO)] + ([("against", args.against.resolve())] if args.against else [])
    figures = {name: {"times": [], "peaks": [], "sizes": []} for name, _ in setups}
    for n in range(1, args.runs + 1):
        for name, repo in setups:
            elapsed, peak_mb, stored, hits, size_mb = one_run(repo, args.procs, args.search_url)
            figures[name]["times"].append(elapsed)
            figures[name]["peaks"].append(peak_mb)
            figures[name]["sizes"].append(size_mb)
            print(
                f"run {n} [{name}]: {elapsed:.1f} s, {stored / elapsed:.0f} articles/s, "
                f"peak {peak_mb:.0f} MB, index {size_mb:.1f} MB, stored {stored}, "
                f"search 江泽民 → {hits or '?'}"
            )
            if stored != ARTICLES:
                sys.exit(f"expected {ARTICLES} articles, stored {stored}")
    for name, _ in setups:
        t = median(figures[name]["times"])
        print(
            f"[{name}] ingest+index 1998-01 corpus ({ARTICLES} articles): median {t:.1f} s, "
            f"{ARTICLES / t:.0f} articles/s, peak memory median "
            f"{median(figures[name]['peaks']):.0f} MB, index {median(figures[name]['sizes']):.1f} MB "
            f"(target ≤ 30 s)"
        )
    if args.against:
        ratio = median(figures["against"]["times"]) / median(figures["this"]["times"])
        print(f"this checkout is {ratio:.2f}× as fast as {args.against} (median / median)")


if __name__ == "__main__":
    main()
