"""Every layout program by name, and pages of corpus articles laid out by each.

    pages("epaper", "rmrb", "test", count=50, seed=1)   # 50 pages of 2019-10-21..31 articles

``typeset`` (the seed's style, PFR only), ``broadsheet`` (headline before body), ``epaper``
(modern e-paper, headline after body) and ``mixer`` (habits drawn per page) train the
line-role model; ``tabloid`` never does
(HELD_OUT): figures on it show how the parser does on a layout nobody fitted it to.
"""

from __future__ import annotations

import random
from functools import lru_cache

from bench.layout import broadsheet, epaper, mixer, tabloid
from bench.layout.stories import FIT, PFR, TEST, Laid, stories
from bench.layout.typeset import typeset_page, typesettable

TRAINED = ("typeset", "broadsheet", "epaper", "mixer")
HELD_OUT = ("tabloid",)
CORPORA = {"typeset": ("pfr",), "broadsheet": ("pfr", "rmrb"), "epaper": ("pfr", "rmrb"),
           "mixer": ("pfr", "rmrb"), "tabloid": ("pfr", "rmrb")}  # fmt: skip
_LAYOUT = {
    "broadsheet": broadsheet.lay_out,
    "epaper": epaper.lay_out,
    "mixer": mixer.lay_out,
    "tabloid": tabloid.lay_out,
}


@lru_cache(maxsize=4)
def _stories(corpus: str, split: str) -> tuple:
    return tuple(stories(corpus, split))


@lru_cache(maxsize=2)
def _records(split: str) -> tuple:
    from archive.ingest.pfr import pfr_articles

    low, high = (FIT if split == "fit" else TEST)["pfr"]
    return tuple(r for r in pfr_articles(str(PFR)) if low <= r["date"] <= high and typesettable(r))


def pages(program: str, corpus: str, split: str, count: int, seed: int) -> list[Laid]:
    """``count`` pages of 3–6 articles from the corpus's fit or test dates."""
    rng = random.Random(f"{program}/{corpus}/{split}/{seed}")
    out = []
    for n in range(count):
        page_number = 1 + n % 4
        if program == "typeset":
            roles: list[str] = []
            chosen = rng.sample(_records(split), rng.randint(3, 6))
            text, items = typeset_page(chosen, rng=rng, page_number=page_number, roles=roles)
            out.append(Laid(text, items, roles))
        else:
            chosen = rng.sample(_stories(corpus, split), rng.randint(3, 6))
            out.append(_LAYOUT[program](list(chosen), rng, page_number))
    return out
