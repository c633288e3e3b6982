"""How well parse_page reads pages it has never seen: synthetic pages from the PFR corpus.

    .venv/bin/python bench/parser_quality.py [--pages N] [--seed S] [--corpus PATH] [--show N]
    .venv/bin/python bench/parser_quality.py --dates train --seed 11   # development pages

Builds N pages with bench.layout.typeset from the corpus articles of 1998-01-21..31 (the
test dates; people.py's word list was derived from 01-01..20), parses each page and prints
items found vs expected, the share of fields right (per field and overall) and person
precision/recall (gold: the corpus /nr names shown on the page, minus one-character names
and reporters). The corpus is read from ../shared/corpus and never copied here.

``--show N`` prints the N worst pages (most wrong fields): for each mismatching field of
each item, what the layout put there and what the parser read, so the biggest error
buckets can be read off directly, e.g. ``--pages 200 --seed 11 --show 5``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest import parse_page  # noqa: E402
from archive.ingest.pfr import pfr_articles  # noqa: E402
from bench.layout.typeset import typeset_page, typesettable  # noqa: E402

CORPUS = str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pfr_199801.gbk.txt.xz")
FIELDS = (
    "kind kicker title subtitle source dateline reporters paragraphs "
    "continued_to continued_from editor_code"
).split()


def build_pages(records: list[dict], pages: int, seed: int) -> list[tuple[str, list[dict]]]:
    rng = random.Random(seed)
    usable = [r for r in records if typesettable(r)]
    out = []
    for n in range(pages):
        chosen = rng.sample(usable, rng.randint(3, 6))
        out.append(typeset_page(chosen, rng=rng, page_number=1 + n % 4))
    return out


def _match(expected: list[dict], found: list[dict]) -> list[dict | None]:
    """Pair each expected item with the parsed item sharing most body text, in order."""
    pairs: list[dict | None] = []
    start = 0
    for item in expected:
        want = set("".join(item["paragraphs"])[:200])
        best, best_score = None, 0.5
        for j in range(start, len(found)):
            have = set("".join(found[j]["paragraphs"])[:200])
            score = len(want & have) / max(1, len(want | have))
            if score > best_score:
                best, best_score = j, score
        pairs.append(found[best] if best is not None else None)
        if best is not None:
            start = best + 1
    return pairs


def score(pages: list[tuple[str, list[dict]]]) -> dict:
    right, wrong = Counter(), Counter()
    examples: dict[str, list] = {}
    tp = fp = fn = 0
    n_expected = n_found = 0
    diffs: list[tuple[int, int, list[tuple[int, str, object, object]]]] = []
    for number, (text, expected) in enumerate(pages):
        found = [a.to_dict() for a in parse_page(text).articles]
        n_expected += len(expected)
        n_found += len(found)
        page_diff = []
        for k, (want, got) in enumerate(zip(expected, _match(expected, found), strict=True)):
            for name in FIELDS:
                if got is not None and got[name] == want[name]:
                    right[name] += 1
                else:
                    wrong[name] += 1
                    have = None if got is None else got[name]
                    examples.setdefault(name, []).append((want[name], have))
                    page_diff.append((k, name, want[name], have))
            gold = {p["name"] for p in want["persons"]}
            have = {p["name"] for p in got["persons"]} if got else set()
            tp += len(gold & have)
            fp += len(have - gold)
            fn += len(gold - have)
        diffs.append((len(page_diff), number, page_diff))
    return {
        "expected": n_expected,
        "found": n_found,
        "right": right,
        "wrong": wrong,
        "examples": examples,
        "precision": tp / max(1, tp + fp),
        "recall": tp / max(1, tp + fn),
        "diffs": sorted(diffs, key=lambda d: (-d[0], d[1])),
    }


def show_worst(pages: list[tuple[str, list[dict]]], diffs: list, count: int) -> None:
    """Print the ``count`` worst pages: item index, field, expected and parsed value."""
    for n_wrong, number, page_diff in diffs[:count]:
        if not n_wrong:
            break
        text, expected = pages[number]
        print(f"\n=== page {number}: {n_wrong} fields wrong, {len(expected)} items")
        for k, name, want, got in page_diff:
            print(f"  item {k} {name}:")
            print(f"    expected {want!r}")
            print(f"    got      {got!r}")
        print("--- page text ---")
        print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default=CORPUS)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="print the N worst pages' diffs")
    parser.add_argument(
        "--dates",
        choices=("test", "train"),
        default="test",
        help="lay pages out from the test dates (21..31, to report) or the train dates "
        "(01..20, to develop on)",
    )
    args = parser.parse_args()
    test = args.dates == "test"
    records = [r for r in pfr_articles(args.corpus) if (r["date"] >= "1998-01-21") == test]
    pages = build_pages(records, args.pages, args.seed)
    started = time.perf_counter()
    result = score(pages)
    elapsed = time.perf_counter() - started
    right, wrong = result["right"], result["wrong"]
    print(f"pages {args.pages} (seed {args.seed}, {args.dates} dates), parsed in {elapsed:.1f}s")
    print(f"items found {result['found']} / expected {result['expected']}")
    for name in FIELDS:
        total = right[name] + wrong[name]
        print(f"  {name:15} {100 * right[name] / total:6.2f} %")
    total = sum(right.values()) + sum(wrong.values())
    print(f"fields right overall {100 * sum(right.values()) / total:.2f} %")
    print(f"persons precision {result['precision']:.3f} recall {result['recall']:.3f}")
    for name in sorted(result["examples"], key=lambda n: -wrong[n]):
        for want, got in result["examples"][name][: args.examples]:
            print(f"  {name}: expected {str(want)[:80]!r} got {str(got)[:80]!r}")
    show_worst(pages, result["diffs"], args.show)


if __name__ == "__main__":
    main()
