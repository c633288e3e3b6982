"""How well page PDFs are read: pages typeset from corpus articles by two producers.

    .venv/bin/python bench/pdf_quality.py --producer reportlab --corpus pfr --dates train
    .venv/bin/python bench/pdf_quality.py --producer chromium --corpus rmrb --dates test \
        --preset heldout --pages 20

Lays out ``--pages`` pages with the chosen producer (reportlab: our own typesetting;
chromium: an HTML/CSS layout printed by Chromium), parses each PDF as ``ingest`` does and
prints the fields right (kicker, title, subtitle, body, paragraphs) over every printed
item, the share of items whose regions match their printed blocks (IoU ≥ 0.7) and the
speed: parsing alone, and parsing with the page image and thumbnail rendered.

Corpora and dates: the PFR 1998-01 corpus (train 01..20, test 21..31) and rmrb-2019-10
(train 10-01..10-20, test 10-21..10-31), read from ../shared and never copied here.
Presets: ``train`` is what the parser was developed on; ``heldout`` are page sizes,
grids, type sizes and fonts it never saw. ``--show N`` prints the N worst items.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest.pdf_page import parse_pdf  # noqa: E402
from archive.ingest.pdf_render import render_page  # noqa: E402
from archive.ingest.pfr import pfr_articles  # noqa: E402
from bench.layout.paper_plan import PRESETS, plan_page  # noqa: E402
from bench.layout.pdf_score import FIELDS, iou, match_items, same  # noqa: E402
from bench.layout.pdf_stories import modern_story, photo_story, story_of, usable_modern  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PFR = SHARED / "pfr_199801.gbk.txt.xz"
RMRB = SHARED / "rmrb-2019-10" / "rmrb-epaper-201910.jsonl.gz"
SPLITS = {
    ("pfr", "train"): ("1998-01-01", "1998-01-20"),
    ("pfr", "test"): ("1998-01-21", "1998-01-31"),
}
SPLITS |= {("rmrb", "train"): ("2019-10-01", "2019-10-20")}
SPLITS |= {("rmrb", "test"): ("2019-10-21", "2019-10-31")}


def records(corpus: str, dates: str) -> list[dict]:
    first, last = SPLITS[(corpus, dates)]
    if corpus == "pfr":
        source = pfr_articles(str(PFR))
    else:
        import json

        with gzip.open(RMRB, "rt", encoding="utf-8") as handle:
            source = [json.loads(line) for line in handle]
        source = [r for r in source if usable_modern(r)]
    return [r for r in source if first <= r["date"] <= last]


def stories_for(corpus: str, pool: list[dict], rng: random.Random, page_number: int, photos):
    chosen = rng.sample(pool, min(len(pool), 40))
    if corpus == "pfr":
        stories = [s for s in (story_of(r, rng, page_number) for r in chosen) if s]
    else:
        stories = [modern_story(r, rng, page_number) for r in chosen]
    if photos and len(stories) > 3:
        stories.insert(rng.randint(1, 3), photo_story(stories[-1].paragraphs[-1], rng))
    return stories


def make_page(producer: str, stories, plan, rng):
    if producer == "reportlab":
        from bench.layout.pdf_reportlab import reportlab_page

        return reportlab_page(stories, plan, rng)
    from bench.layout.pdf_chromium import chromium_page

    return chromium_page(stories, plan, rng)


def score(pages, *, render: bool):
    right, total, regions_ok, items = Counter(), 0, 0, 0
    worst, parse_time, render_time = [], 0.0, 0.0
    for number, (pdf, gold) in enumerate(pages):
        started = time.perf_counter()
        read = parse_pdf(pdf, first_number=1)[0]
        parse_time += time.perf_counter() - started
        if render:
            started = time.perf_counter()
            render_page(pdf, 0)
            render_time += time.perf_counter() - started
        found = [a.to_dict() for a in read.page.articles]
        for want, got in zip(gold, match_items(gold, found), strict=True):
            items += 1
            wrong = [name for name in FIELDS if not same(name, want, got)]
            for name in FIELDS:
                right[name] += name not in wrong
            overlap = iou(got["regions"], want["regions"]) if got else 0.0
            regions_ok += overlap >= 0.7
            if wrong or overlap < 0.7:
                worst.append((len(wrong), number, want, got, wrong, overlap))
        total += 1
    return right, items, regions_ok, worst, parse_time, render_time


def show(worst, count: int) -> None:
    for n_wrong, number, want, got, wrong, overlap in sorted(worst, key=lambda w: -w[0])[:count]:
        print(f"\n=== page {number}: {n_wrong} fields wrong, IoU {overlap:.2f}")
        for name in wrong or ["title"]:
            key = "paragraphs" if name == "body" else name
            print(f"  {name}: expected {str(want[key])[:300]!r}")
            print(f"  {' ' * len(name)}  got      {str(got[key] if got else None)[:300]!r}")
        print(f"  regions expected {want['regions']}\n          got      {got and got['regions']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producer", choices=("reportlab", "chromium"), default="reportlab")
    parser.add_argument("--corpus", choices=("pfr", "rmrb"), default="pfr")
    parser.add_argument("--dates", choices=("train", "test"), default="test")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="train")
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-render", action="store_true", help="time parsing only")
    parser.add_argument("--save", metavar="DIR", help="keep the PDFs and gold (never commit)")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = records(args.corpus, args.dates)
    pages = []
    started = time.perf_counter()
    for n in range(args.pages):
        plan = plan_page(rng, PRESETS[args.preset])
        stories = stories_for(args.corpus, pool, rng, 1 + n % 4, plan.photos)
        pages.append(make_page(args.producer, stories, plan, rng))
    made = time.perf_counter() - started
    if args.save:
        _save(Path(args.save), pages)
    right, items, regions_ok, worst, parse_time, render_time = score(
        pages, render=not args.no_render
    )
    print(
        f"{args.producer} · {args.corpus} {args.dates} dates · preset {args.preset} · "
        f"{args.pages} pages (seed {args.seed}, made in {made:.1f} s) · {items} items"
    )
    for name in FIELDS:
        print(f"  {name:11} {100 * right[name] / max(1, items):6.2f} %")
    overall = sum(right.values()) / max(1, items * len(FIELDS))
    print(f"fields right overall {100 * overall:.2f} %")
    print(f"regions IoU >= 0.7   {100 * regions_ok / max(1, items):.2f} % of items")
    speed = args.pages / parse_time if parse_time else 0.0
    print(f"parse {speed:.2f} pages/s", end="")
    if render_time:
        print(f"; parse + render {args.pages / (parse_time + render_time):.2f} pages/s")
    else:
        print()
    show(worst, args.show)


def _save(folder: Path, pages) -> None:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for n, (pdf, gold) in enumerate(pages):
        (folder / f"page-{n:03}.pdf").write_bytes(pdf)
        (folder / f"page-{n:03}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
