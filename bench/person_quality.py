"""Person-name extraction quality on the PFR corpus (1998-01), cold and warm.

    .venv/bin/python bench/person_quality.py [--corpus PATH] [--dates test|train|all]

For each article of the derived corpus file, ``extract_persons`` runs on the article's
clean paragraphs (headline included, no reporters passed: bylines such as
（新华社记者兰红光摄） are persons in the gold list). Gold is the article's set of corpus
``/nr`` names of two or more characters (the ``persons`` field; see the corpus README for
how /nr runs are merged). Scores are micro-averaged over distinct (article, name) pairs.

Two settings:

* cold: ``known_names=()``;
* warm: ``known_names`` = the gold names of 1998-01-01..20, i.e. what an archive that
  has already ingested those dates holds as persons.

Dates 1998-01-01..20 are the development (train) dates; 1998-01-21..31 are held out and
only measured to report. The corpus is read from /work/shared/corpus, never copied here.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest.people import extract_persons  # noqa: E402

CORPUS = "/work/shared/corpus/pfr_199801_articles.jsonl.xz"
TRAIN = ("1998-01-01", "1998-01-20")
TEST = ("1998-01-21", "1998-01-31")


def load(path: str) -> list[dict]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def gold(article: dict) -> set[str]:
    return {n for n in article["persons"] if len(n) >= 2}


def score(articles: list[dict], known: list[str], show: int = 0) -> dict:
    tp = fp = fn = 0
    misses: dict[str, int] = {}
    extras: dict[str, int] = {}
    start = time.perf_counter()
    for art in articles:
        want = gold(art)
        have = {p.name for p in extract_persons(art["paragraphs"], known_names=known)}
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
        for n in want - have:
            misses[n] = misses.get(n, 0) + 1
        for n in have - want:
            extras[n] = extras.get(n, 0) + 1
    seconds = time.perf_counter() - start
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    f = 2 * p * r / max(1e-9, p + r)
    if show:
        top = sorted(misses.items(), key=lambda kv: -kv[1])[:show]
        print("  misses:", " ".join(f"{n}×{c}" for n, c in top))
        top = sorted(extras.items(), key=lambda kv: -kv[1])[:show]
        print("  false :", " ".join(f"{n}×{c}" for n, c in top))
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn, "seconds": seconds}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--dates", choices=("test", "train", "all"), default="all")
    ap.add_argument("--show", type=int, default=0, help="print the N commonest errors")
    args = ap.parse_args(argv)
    articles = load(args.corpus)
    train = [a for a in articles if TRAIN[0] <= a["date"] <= TRAIN[1]]
    test = [a for a in articles if TEST[0] <= a["date"] <= TEST[1]]
    known = sorted({n for a in train for n in gold(a)})
    print(f"{len(train)} train articles, {len(test)} test articles, {len(known)} known names")
    sets = {"train": train, "test": test}
    wanted = ("train", "test") if args.dates == "all" else (args.dates,)
    if args.dates != "test":
        # development check of the warm setting without test data: know 01..10, score 11..20
        early = sorted({n for a in train if a["date"] <= "1998-01-10" for n in gold(a)})
        later = [a for a in train if a["date"] > "1998-01-10"]
        for setting, names in (("cold", []), ("warm", early)):
            s = score(later, names, args.show)
            print(
                f"dev   {setting}: precision {s['p']:.3f} recall {s['r']:.3f} F1 {s['f']:.3f}"
                f"  (train dates 11..20; warm knows the names of 01..10)"
            )
    for name in wanted:
        for setting, names in (("cold", []), ("warm", known)):
            s = score(sets[name], names, args.show)
            print(
                f"{name:5} {setting}: precision {s['p']:.3f} recall {s['r']:.3f} "
                f"F1 {s['f']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']}, "
                f"{s['seconds']:.1f} s)"
            )


if __name__ == "__main__":
    main()
