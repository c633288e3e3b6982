import random
import sys
from pathlib import Path

import pytest

from archive.ingest.typeset import typeset_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

RECORD = {
    "paragraphs": [
        "副市长检查防控工作",
        "１月２６日，副市长王付举深入一线检查。",
        "他强调，要落实责任。",
    ],
    "persons": ["王", "付举"],
}


def test_a_page_puts_the_headline_after_its_body():
    text, expected = typeset_page([RECORD], rng=random.Random(3), page_number=1, notice_rate=0)
    assert len(expected) == 1
    lines = [line for line in text.split("\n") if line.strip()]
    assert "".join(lines[-2:]).replace(" ", "").endswith(expected[0]["title"].replace(" ", ""))
    assert "１" not in text  # full-width digits are printed as ASCII, as on the e-paper
    assert expected[0]["paragraphs"][0].endswith("深入一线检查。")


def test_lines_are_column_width():
    text, _ = typeset_page([RECORD] * 3, rng=random.Random(5), page_number=2)
    assert max(len(line.replace(" ", "")) for line in text.split("\n")) <= 27


@pytest.mark.corpus
@pytest.mark.slow
def test_twenty_synthetic_pages_parse_with_97_percent_of_fields_right():
    from parser_quality import CORPUS, build_pages, score

    from archive.ingest.pfr import pfr_articles

    records = [r for r in pfr_articles(CORPUS) if r["date"] >= "1998-01-21"]
    result = score(build_pages(records, 20, seed=7))
    fields = sum(result["right"].values()) / (
        sum(result["right"].values()) + sum(result["wrong"].values())
    )
    assert fields >= 0.97
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
