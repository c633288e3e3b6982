"""Which library reads a page PDF's characters: pypdfium2 against pdfplumber, on the same
pages, for speed and for agreement on the characters themselves.

    .venv/bin/python bench/pdf_text_speed.py [--pages N] [--producer reportlab|chromium]

Pages are typeset from the 1998 corpus (train dates) as in bench/pdf_quality.py. For each
page both read every printed character (white space left out); the script prints the
seconds per page of each and the share of pages where both read the same characters.
It also reads a page whose fonts lost their ToUnicode maps: pdfplumber shows (cid:N),
pypdfium2 flags the characters (FPDFText_HasUnicodeMapError).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.ingest.pdf_read import read_pdf  # noqa: E402
from bench.layout.paper_plan import PRESETS, plan_page  # noqa: E402
from bench.pdf_quality import make_page, records, stories_for  # noqa: E402


def plumber_chars(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [c["text"] for c in pdf.pages[0].chars if not c["text"].isspace()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--producer", choices=("reportlab", "chromium"), default="reportlab")
    args = parser.parse_args()
    rng = random.Random(3)
    pool = records("pfr", "train")
    pages = []
    for n in range(args.pages):
        plan = plan_page(rng, PRESETS["train"])
        pages.append(
            make_page(args.producer, stories_for("pfr", pool, rng, 1 + n % 4, False), plan, rng)[0]
        )
    pdfium_time = plumber_time = 0.0
    same = 0
    for data in pages:
        started = time.perf_counter()
        ours = [c.text for c in read_pdf(data)[0].chars]
        pdfium_time += time.perf_counter() - started
        started = time.perf_counter()
        theirs = plumber_chars(data)
        plumber_time += time.perf_counter() - started
        same += Counter(ours) == Counter(theirs)
    print(f"{args.producer}: {args.pages} pages, {len(ours)} characters on the last")
    print(f"  pypdfium2  {pdfium_time / args.pages:.3f} s a page")
    print(f"  pdfplumber {plumber_time / args.pages:.3f} s a page")
    print(f"  same characters on {same} of {args.pages} pages")
    broken = pages[0].replace(b"/ToUnicode", b"/ToUnicodX")
    flagged = read_pdf(broken)[0].bad_share
    cids = sum(t.startswith("(cid:") for t in plumber_chars(broken)) / max(1, len(ours))
    print(
        f"  without ToUnicode: pypdfium2 flags {flagged:.0%}, pdfplumber shows (cid:N) for {cids:.0%}"
    )


if __name__ == "__main__":
    main()
