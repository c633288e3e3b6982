"""Every benchmark, one after another, each in its own process printing its figures.

    .venv/bin/python bench/run_all.py [--quick] [--skip NAME ...] [--only NAME ...]
    make bench                 (SIZE=10 for search_http at 10× only: make bench SIZE="1 10")

Order: ingest_corpus, search_quality, search_http at 1×, 10× and 30×, pages, soak,
worker_memory (scripts not present are skipped with a note). --quick runs search_http at 1×
only, one ingest run and a 30-second soak. The 10× and 30× archives are built once in
/tmp/archive-bench-<scale>x and reused (delete them, or run search_http.py --rebuild, after
changing ingest or indexing code). Exits non-zero if any benchmark did.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, REPO, machine  # noqa: E402

BENCH = Path(__file__).resolve().parent


def plan(quick, scales=None):
    scales = scales or ([1] if quick else [1, 10, 30])
    steps = [
        ("ingest_corpus", ["ingest_corpus.py", "--runs", "1" if quick else "3"]),
        ("search_quality", ["search_quality.py"]),
    ]
    steps += [(f"search_http_{n}x", ["search_http.py", "--scale", str(n)]) for n in scales]
    steps += [
        ("pages", ["pages.py", "--scale", "1"]),
        ("soak", ["soak.py", "--seconds", "30" if quick else "90"]),
        ("worker_memory", ["worker_memory.py"]),
    ]
    pages = "5" if quick else "20"
    steps += [
        (f"pdf_{producer}_{corpus}", ["pdf_quality.py", "--producer", producer, "--corpus",
                                      corpus, "--preset", "heldout", "--pages", pages])
        for producer in ("reportlab", "chromium")
        for corpus in ("pfr", "rmrb")
    ]  # fmt: skip
    steps.append(("pdf_text_speed", ["pdf_text_speed.py", "--pages", "3" if quick else "6"]))
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1× only, shorter runs")
    parser.add_argument(
        "--skip", nargs="*", default=[], metavar="NAME", help="e.g. soak search_http_30x"
    )
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME")
    parser.add_argument(
        "--scales",
        nargs="*",
        type=int,
        metavar="N",
        help="archive sizes for search_http, e.g. 1 10",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    outcomes = []
    for name, argv in plan(args.quick, args.scales):
        if name in args.skip or (args.only and name not in args.only):
            continue
        script = BENCH / argv[0]
        if not script.exists():
            print(f"\n== {name}: {script.name} not present, skipped", flush=True)
            outcomes.append((name, "absent", 0.0))
            continue
        command = [PYTHON, str(script.relative_to(REPO)), *argv[1:]]
        print(f"\n== {name}: {' '.join(command[1:])}", flush=True)
        started = time.monotonic()
        # The child writes straight to our stdout/stderr: nothing is buffered in a pipe.
        code = subprocess.run(command, cwd=REPO).returncode
        outcomes.append((name, "ok" if code == 0 else f"exit {code}", time.monotonic() - started))
    print("\n== summary")
    for name, outcome, seconds in outcomes:
        print(f"{name:<18} {outcome:<8} {seconds:7.0f} s")
    sys.exit(0 if all(o in ("ok", "absent") for _, o, _ in outcomes) else 1)


if __name__ == "__main__":
    main()
