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


def score(pages: list[tuple[str, list[dict]]], modern: bool = False) -> dict:
    """Fields, items, persons, headline roles and flags of parsed pages against their
    expected items; ``modern``: gold persons are what the people stage reads in each
    expected item alone (the corpus tags none), so the figure measures what cuts cost."""
    right, wrong = Counter(), Counter()
    roles_right, roles_seen = Counter(), 0
    examples: dict[str, list] = {}
    tp = fp = fn = 0
    n_expected = n_found = spurious = 0
    wrong_cuts = flagged_cuts = 0
    flags_seen = Counter()  # right cuts / flagged, wrong or right headline roles / flagged
    diffs: list[tuple[int, int, list[tuple[int, str, object, object]]]] = []
    for number, (text, expected) in enumerate(pages):
        found = [a.to_dict() for a in parse_page(text).articles]
        n_expected += len(expected)
        n_found += len(found)
        pairs = _match(expected, found)
        used = {id(got) for got in pairs if got is not None}
        spurious += sum(1 for f in found if id(f) not in used)
        cuts, caught = _cut_flags(expected, found, pairs)
        wrong_cuts, flagged_cuts = wrong_cuts + cuts, flagged_cuts + caught
        _false_flags(expected, pairs, flags_seen, modern)
        page_diff = []
        for k, (want, got) in enumerate(zip(expected, pairs, strict=True)):
            for name in FIELDS:
                if got is not None and got[name] == want[name]:
                    right[name] += 1
                else:
                    wrong[name] += 1
                    have = None if got is None else got[name]
                    examples.setdefault(name, []).append((want[name], have))
                    page_diff.append((k, name, want[name], have))
            if modern and want["title"]:
                roles_seen += 1
                for name in ("kicker", "title", "subtitle"):
                    roles_right[name] += got is not None and got[name] == want[name]
            gold = _gold_persons(want, modern)
            have = {p["name"] for p in got["persons"]} if got else set()
            tp += len(gold & have)
            fp += len(have - gold)
            fn += len(gold - have)
        diffs.append((len(page_diff), number, page_diff))
    return {
        "expected": n_expected,
        "found": n_found,
        "spurious": spurious,
        "right": right,
        "wrong": wrong,
        "examples": examples,
        "precision": tp / max(1, tp + fp),
        "recall": tp / max(1, tp + fn),
        "roles": {k: v / max(1, roles_seen) for k, v in roles_right.items()},
        "wrong_cuts": wrong_cuts,
        "flag_recall": flagged_cuts / max(1, wrong_cuts),
        "flags": flags_seen,
        "diffs": sorted(diffs, key=lambda d: (-d[0], d[1])),
    }


def _gold_persons(item: dict, modern: bool) -> set[str]:
    if not modern:
        return {p["name"] for p in item["persons"]}
    from archive.ingest.people import extract_persons

    lines = [x for x in (item["kicker"], item["title"], item["subtitle"]) if x]
    found = extract_persons([*lines, *item["paragraphs"]], reporters=item["reporters"])
    return {p.name for p in found}


def _text(item: dict) -> str:
    return "".join([item["kicker"], item["title"], item["subtitle"], *item["paragraphs"]]).replace(
        " ", ""
    )


def _cut_flags(expected: list[dict], found: list[dict], pairs: list) -> tuple[int, int]:
    """(wrong cuts, wrong cuts flagged): an expected item not found whole, or a found item
    matching none, is a wrong cut; it is flagged when the item it lands in, or the one
    before or after that, carries cut_uncertain."""
    from archive.ingest.flags import CUT_UNCERTAIN, has

    position = {id(f): n for n, f in enumerate(found)}

    def near_flag(n: int) -> bool:
        return any(
            has(found[j]["review"], CUT_UNCERTAIN) for j in (n - 1, n, n + 1) if 0 <= j < len(found)
        )

    cuts = caught = 0
    for want, got in zip(expected, pairs, strict=True):
        if got is not None and _text(got) == _text(want):
            continue
        cuts += 1
        if got is None:
            want_chars = set(_text(want))
            overlap = [len(want_chars & set(_text(f))) for f in found]
            n = max(range(len(found)), key=overlap.__getitem__) if found else None
        else:
            n = position[id(got)]
        caught += n is not None and near_flag(n)
    used = {id(got) for got in pairs if got is not None}
    for n, f in enumerate(found):
        if id(f) not in used:
            cuts += 1
            caught += near_flag(n)
    return cuts, caught


def _false_flags(expected: list[dict], pairs: list, seen: Counter, modern: bool) -> None:
    """Count, over the items cut right, those flagged ``cut_uncertain`` (false flags), and
    over those with a headline (modern pages), the headline roles read wrong and right,
    each with how many carry ``headline_uncertain``."""
    from archive.ingest.flags import CUT_UNCERTAIN, HEADLINE_UNCERTAIN, has

    for want, got in zip(expected, pairs, strict=True):
        if got is None or _text(got) != _text(want):
            continue
        seen["cut_right"] += 1
        seen["cut_right_flagged"] += has(got["review"], CUT_UNCERTAIN)
        if not want["title"]:
            continue
        ok = all(got[k] == want[k] for k in ("kicker", "title", "subtitle"))
        kind = "roles_right" if ok else "roles_wrong"
        seen[kind] += 1
        seen[f"{kind}_flagged"] += has(got["review"], HEADLINE_UNCERTAIN)


def flag_text(result: dict) -> str:
    """False cut flags (% of right cuts) and headline flags: recall of wrong roles (n)
    and % of right roles flagged."""
    f = result["flags"]
    false_cut = 100 * f["cut_right_flagged"] / max(1, f["cut_right"])
    if not (f["roles_right"] or f["roles_wrong"]):
        return f"{false_cut:.0f} % | –"
    recall = f["roles_wrong_flagged"] / max(1, f["roles_wrong"])
    false_role = 100 * f["roles_right_flagged"] / max(1, f["roles_right"])
    return f"{false_cut:.0f} % | {recall:.2f} ({f['roles_wrong']}) / {false_role:.0f} %"


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


def report(program: str, corpus: str, args) -> dict:
    """Score one layout program on one corpus and print a row of the table."""
    from bench.layout.programs import pages as laid_pages

    split = "test" if args.dates == "test" else "fit"
    laid = laid_pages(program, corpus, split, args.pages, args.seed)
    pages = [(page.text, page.items) for page in laid]
    started = time.perf_counter()
    result = score(pages, modern=corpus == "rmrb")
    result["seconds"] = time.perf_counter() - started
    total = sum(result["right"].values()) + sum(result["wrong"].values())
    fields = 100 * sum(result["right"].values()) / max(1, total)
    roles = result["roles"]
    role_text = " ".join(f"{100 * roles.get(k, 0):5.1f}" for k in ("kicker", "title", "subtitle"))
    print(
        f"| {program} | {corpus} | {len(pages)} | {result['expected']} | {fields:.2f} % | "
        f"{100 * result['spurious'] / max(1, result['expected']):.1f} | "
        f"{result['precision']:.3f} / {result['recall']:.3f} | "
        f"{role_text if corpus == 'rmrb' else '–'} | "
        f"{result['flag_recall']:.2f} ({result['wrong_cuts']}) | {flag_text(result)} |"
    )
    if args.fields:
        for name in FIELDS:
            n = result["right"][name] + result["wrong"][name]
            print(f"    {name:15} {100 * result['right'][name] / max(1, n):6.2f} %")
    show_worst(pages, result["diffs"], args.show)
    return result


def speed(args) -> None:
    """Pages per second on one core with and without the line-role model, interleaved."""
    from archive.ingest import line_roles
    from bench.layout.programs import pages as laid_pages

    texts = [
        p.text
        for prog in ("typeset", "epaper")
        for p in laid_pages(prog, "pfr", "test", args.pages // 2, args.seed)
    ]
    parse_page(texts[0])
    times: dict[str, list[float]] = {"model": [], "rules only": []}
    for _ in range(3):
        for name in times:
            saved = line_roles._tagger
            if name == "rules only":
                line_roles._tagger = False
            started = time.perf_counter()
            for text in texts:
                parse_page(text)
            times[name].append(time.perf_counter() - started)
            line_roles._tagger = saved
    for name, runs in times.items():
        best = sorted(runs)[1]
        print(
            f"{name:11} {len(texts) / best:6.1f} pages/s (median of 3 runs of {len(texts)} pages)"
        )
    ratio = sorted(times["rules only"])[1] / sorted(times["model"])[1]
    print(f"model / rules only speed ratio {ratio:.2f}")


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
    parser.add_argument(
        "--program",
        help="a layout program of bench/layout/programs.py, or 'all': one table row per "
        "program and corpus (PFR and rmrb-2019-10)",
    )
    parser.add_argument("--corpus-name", choices=("pfr", "rmrb", "all"), default="all")
    parser.add_argument("--fields", action="store_true", help="per-field figures too")
    parser.add_argument("--speed", action="store_true", help="pages/s with and without the model")
    parser.add_argument("--rules-only", action="store_true", help="without the line-role model")
    args = parser.parse_args()
    if args.rules_only:
        from archive.ingest import line_roles

        line_roles._tagger = False
    if args.speed:
        speed(args)
        return
    if args.program:
        from bench.layout.programs import CORPORA

        print("| program | corpus | pages | articles | fields right | spurious /100 | "
              "persons P / R | kicker title subtitle % | flag recall (wrong cuts) | "
              "right cuts flagged | headline flags: recall (wrong roles) / right flagged |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for program in CORPORA if args.program == "all" else [args.program]:
            for corpus in CORPORA[program]:
                if args.corpus_name in ("all", corpus):
                    report(program, corpus, args)
        return
    legacy(args)


def legacy(args) -> None:
    """The seed-style pages of bench/layout/typeset.py from the PFR corpus, in detail."""
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
