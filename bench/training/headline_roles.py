"""Fit the headline-role weights (archive/ingest/headline_roles.json) on corpus headlines.

    .venv/bin/python bench/training/headline_roles.py [--epochs 12]

Headlines of the fitting dates only (People's Daily 2019-10-01..20 with the e-paper's own
引题/主题/副题, PFR 1998-01-01..20): each story's printed headline lines (a space in a part
is a line break) and the cut into kicker / title / subtitle the paper made. An averaged
structured perceptron over every cut of the lines (headline_roles.candidates); the file
holds feature weights only. Prints how often each role is right on the headlines of the
test dates (10-21..31, 1998-01-21..31), against the rules of archive/ingest/headline.py
fed the same lines as one block each.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive.ingest.headline import split_headline  # noqa: E402
from archive.ingest.headline_roles import WEIGHTS, candidates, features  # noqa: E402
from bench.layout.stories import stories  # noqa: E402


def examples(split: str) -> list[tuple[list[str], tuple[int, int]]]:
    """(printed lines, gold cut) of every story with a title, both corpora."""
    out = []
    for corpus in ("rmrb", "pfr"):
        for story in stories(corpus, split):
            parts = [
                [x for x in p.split(" ") if x] for p in (story.kicker, story.title, story.subtitle)
            ]
            if not parts[1]:
                continue
            lines = [x for p in parts for x in p]
            if len(lines) <= 8:
                out.append((lines, (len(parts[0]), len(parts[0]) + len(parts[1]))))
    return out


SEED = Path(__file__).resolve().parents[2] / "fixtures" / "jzrb-2020-01-27-p1.txt"
SEED_WEIGHT = 20


def seed_examples() -> list[tuple[list[str], tuple[int, int]]]:
    """The seed page's headlines as the rules read them (exactly: tests/ingest say so),
    so a local paper's habits (…会议召开 over who spoke) count beside the national one's."""
    from archive.ingest.headline_roles import _cut
    from archive.ingest.normalize import normalize_text
    from archive.ingest.segment import segment

    out = []
    for seg in segment(normalize_text(SEED.read_text(encoding="utf-8"))):
        lines = [line for block in seg.headline for line in block]
        cut = _cut(lines, split_headline(seg.headline)) if lines else None
        if cut:
            out.append((lines, cut))
    return out


def fit(data, epochs: int, seed: int = 1) -> dict[str, float]:
    """Averaged perceptron: the best-scoring cut against the gold one."""
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stamp: dict[str, int] = defaultdict(int)
    step = 0
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        for lines, gold in data:
            step += 1
            cuts = candidates(len(lines))
            best = max(cuts, key=lambda c: sum(w[f] for f in features(lines, *c)))
            if best == gold:
                continue
            for f, d in [(f, 1.0) for f in features(lines, *gold)] + [
                (f, -1.0) for f in features(lines, *best)
            ]:
                total[f] += (step - stamp[f]) * w[f]
                stamp[f] = step
                w[f] += d
        print(f"epoch {epoch + 1}/{epochs}", file=sys.stderr, flush=True)
    for f in w:
        total[f] += (step - stamp[f]) * w[f]
    return {f: round(v / step, 4) for f, v in total.items() if abs(v / step) >= 1e-4}


def accuracy(data, choose) -> dict[str, float]:
    right = Counter()
    for lines, (a, b) in data:
        x, y = choose(lines)
        right["kicker"] += lines[:x] == lines[:a]
        right["title"] += lines[x:y] == lines[a:b]
        right["subtitle"] += lines[y:] == lines[b:]
        right["all"] += (x, y) == (a, b)
    return {k: 100 * v / max(1, len(data)) for k, v in right.items()}


def rules_cut(lines: list[str]) -> tuple[int, int]:
    kicker, title, subtitle = split_headline([[x] for x in lines])
    a = len(kicker.split(" ")) if kicker else 0
    return a, a + len(title.split(" "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--dry-run", action="store_true", help="print figures, write nothing")
    args = parser.parse_args()
    train, test = examples("fit"), examples("test")
    seed = seed_examples()
    print(
        f"headlines: {len(train)} fitting (+ {len(seed)} of the seed ×{SEED_WEIGHT}), {len(test)} test"
    )
    weights = fit(list(train) + seed * SEED_WEIGHT, args.epochs)

    def model(lines):
        return max(
            candidates(len(lines)),
            key=lambda c: sum(weights.get(f, 0.0) for f in features(lines, *c)),
        )

    for name, choose in (("rules", rules_cut), ("model", model)):
        for split, data in (("fit", train), ("test", test), ("seed", seed)):
            acc = accuracy(data, choose)
            print(f"{name:5} {split:4} " + " ".join(f"{k} {v:5.1f} %" for k, v in acc.items()))
    if not args.dry_run:
        WEIGHTS.write_text(
            json.dumps({"epochs": args.epochs, "weights": dict(sorted(weights.items()))},
                       ensure_ascii=False, indent=0) + "\n", encoding="utf-8")  # fmt: skip
        print(f"wrote {WEIGHTS} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
