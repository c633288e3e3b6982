"""What the parser's wrong fields come from, by class: for development pages only.

    .venv/bin/python bench/segment_errors.py --program epaper --corpus rmrb --dates train --seed 3
    .venv/bin/python bench/segment_errors.py --program all --corpus rmrb --dates train --seed 3 --examples 2

Each expected item falls in one class: ``lost`` (no parsed item matches it), a wrong cut
(``merged``: its body plus another's text; ``split``: part of its body; ``headline
taken`` / ``headline lost`` / ``headline other``: the body right, the headline's text not
the item's), or cut right with fields wrong (``roles``: kicker/title/subtitle split wrong;
``paragraphs``; ``byline``: source, dateline or reporters; ``other``). Prints how many
items and how many wrong fields each class has, and the spurious items by shape
(``headline only``, ``body piece``, ``both``). Pairing and fields are parser_quality's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest import parse_page  # noqa: E402
from bench.parser_quality import FIELDS, _match  # noqa: E402

ROLES = ("kicker", "title", "subtitle")


def _squash(text: str) -> str:
    return text.replace(" ", "")


def _body(item: dict) -> str:
    return _squash("".join(item["paragraphs"]))


def _head(item: dict) -> str:
    return _squash("".join(item[k] for k in ROLES))


def classify(want: dict, got: dict | None) -> str:
    if got is None:
        return "lost"
    wb, gb, wh, gh = _body(want), _body(got), _head(want), _head(got)
    if wb != gb:
        if wb in gb:
            return "merged"
        if gb in wb:
            return "split"
        return "body other"
    if wh != gh:
        if wh and not gh:
            return "headline lost"
        if not wh and gh:
            return "headline taken"
        return "headline other"
    wrong = [k for k in FIELDS if got[k] != want[k]]
    if not wrong:
        return "right"
    if any(k in ROLES for k in wrong):
        return "roles"
    if "paragraphs" in wrong:
        return "paragraphs"
    if any(k in ("source", "dateline", "reporters") for k in wrong):
        return "byline"
    return "other"


def _nearest(want: dict, found: list[dict]) -> dict | None:
    """The parsed item holding most of a lost item's body characters."""
    chars = set(_body(want))
    return max(found, key=lambda f: len(chars & set(_body(f))), default=None)


def spurious_shape(item: dict) -> str:
    head, body = _head(item), _body(item)
    if head and not body:
        return "headline only"
    if body and not head:
        return "body piece"
    return "both"


def run(program: str, corpus: str, split: str, count: int, seed: int, examples: int) -> None:
    from bench.layout.programs import pages as laid_pages

    items, cost, shapes = Counter(), Counter(), Counter()
    shown: dict[str, list] = defaultdict(list)
    for laid in laid_pages(program, corpus, split, count, seed):
        found = [a.to_dict() for a in parse_page(laid.text).articles]
        pairs = _match(laid.items, found)
        for want, got in zip(laid.items, pairs, strict=True):
            kind = classify(want, got)
            items[kind] += 1
            cost[kind] += sum(1 for k in FIELDS if got is None or got[k] != want[k])
            if kind != "right" and len(shown[kind]) < examples:
                keys = [k for k in FIELDS if got is None or got[k] != want[k]]
                if got is None:
                    got = _nearest(want, found)
                    keys = [*ROLES, "paragraphs"]
                shown[kind].append(
                    [
                        (k, str(want[k])[:70], None if got is None else str(got[k])[:70])
                        for k in keys
                    ]
                )
        used = {id(g) for g in pairs if g is not None}
        for f in found:
            if id(f) not in used:
                shape = spurious_shape(f)
                shapes[shape] += 1
                if len(shown["spurious " + shape]) < examples:
                    shown["spurious " + shape].append(
                        [(k, "", str(f[k])[:70]) for k in ("kicker", "title", "subtitle")]
                        + [("paragraphs", "", str(f["paragraphs"])[:70])]
                    )
    total = sum(cost.values())
    print(f"## {program} {corpus} ({split}, seed {seed}, {count} pages): {sum(items.values())} "
          f"items, {total} wrong fields; spurious {dict(shapes)}")  # fmt: skip
    for kind, n in cost.most_common():
        if kind != "right":
            print(f"  {kind:15} {items[kind]:4} items {n:5} fields")
    for kind, rows in shown.items():
        for row in rows:
            print(f"  [{kind}]")
            for name, want, got in row:
                print(f"      {name}: {want!r} -> {got!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", default="all")
    parser.add_argument("--corpus", default="rmrb")
    parser.add_argument("--dates", choices=("test", "train"), default="train")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    from bench.layout.programs import CORPORA

    split = "test" if args.dates == "test" else "fit"
    for program in CORPORA if args.program == "all" else [args.program]:
        if args.corpus in CORPORA[program]:
            run(program, args.corpus, split, args.pages, args.seed, args.examples)


if __name__ == "__main__":
    main()
