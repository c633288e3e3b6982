"""A page of any size is read in time linear in its length (a 5 MB upload is allowed)."""

import random
import time

import pytest

from archive.ingest import parse_page
from archive.ingest.cuts import read_page
from archive.ingest.normalize import normalize_text
from archive.ingest.reflow import reflow
from archive.ingest.segment import segment
from tests.conftest import SEED

# Characters swapped among themselves from one copy of the seed to the next, so that no
# paragraph repeats and no cache can make a big page look cheap.
_SWAPPED = "防控疫情工作市委书记长会议全面深入一线检查督导群众社区人员情况要求加强管理落实"


def _big_page(size: int) -> tuple[str, int]:
    """Copies of the seed page, each with its own characters swapped, to ``size`` bytes."""
    seed, rng, copies, total = SEED.read_text(encoding="utf-8"), random.Random(5), [], 0
    while total < size:
        order = "".join(rng.sample(_SWAPPED, len(_SWAPPED)))
        copies.append(seed.translate(str.maketrans(_SWAPPED, order)))
        total += len(copies[-1].encode("utf-8"))
    return "".join(copies), len(copies)


@pytest.mark.slow
def test_a_5_mb_page_is_cut_into_items_and_paragraphs_in_linear_time():
    """The rules, the line-role model and reflow: about 15 s on the shared 2-core machine
    when it is quiet (docs/benchmarks.md), so the bound leaves room for a loaded one. The
    segmenter was quadratic: 800 KB took 7.9 s, 2 MB 25.9 s, 5 MB would take minutes."""
    text, copies = _big_page(5_000_000)
    started = time.perf_counter()
    lines = normalize_text(text)
    rules = segment(lines)
    segments = read_page(lines, rules)
    for seg in segments:
        reflow(seg.body)
    assert time.perf_counter() - started < 60
    assert len(rules) == 9 * copies  # the seed's nine items, each time


@pytest.mark.slow
def test_a_200_kb_page_parses_whole_in_linear_time():
    """Persons included: about 8–13 s a megabyte on the shared machine, so 5 MB takes
    longer than a worker's 30 s (see docs/benchmarks.md); the bound leaves room for load."""
    text, copies = _big_page(200_000)
    started = time.perf_counter()
    page = parse_page(text)
    assert time.perf_counter() - started < 60
    assert not any("parser_error" in a.review for a in page.articles)
    assert len(page.articles) >= 9 * copies
