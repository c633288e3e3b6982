"""Golden input/expected pairs for single stages (tests/data/ingest/<stage>/)."""

import json
from pathlib import Path

import pytest

from archive.ingest.normalize import normalize_text
from archive.ingest.reflow import reflow

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def _cases(stage):
    return sorted((DATA / stage).glob("*.txt"), key=lambda p: p.name)


def _expected(case):
    return json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases("normalize"), ids=lambda p: p.stem)
def test_normalize_matches_its_golden_lines(case):
    lines = normalize_text(case.read_text(encoding="utf-8"))
    assert [ln.text for ln in lines] == _expected(case)


@pytest.mark.parametrize("case", _cases("reflow"), ids=lambda p: p.stem)
def test_reflow_matches_its_golden_paragraphs(case):
    result = reflow(normalize_text(case.read_text(encoding="utf-8")))
    assert {"paragraphs": result.paragraphs, "review": result.review} == _expected(case)


def test_every_stage_has_golden_cases():
    assert len(_cases("normalize")) >= 1 and len(_cases("reflow")) >= 4
