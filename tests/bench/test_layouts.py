"""The layout programs: pages, the items they hold, and each line's role."""

import random

import pytest

from archive.ingest.normalize import normalize_text
from bench.layout import broadsheet, epaper, mixer, tabloid
from bench.layout.programs import HELD_OUT, TRAINED
from bench.layout.stories import LABELS, RMRB, Story, clean

STORIES = [
    Story("rmrb", "2019-10-02", "去年12月末", "我国外储规模达3.1万亿美元", "——外汇市场运行平稳",
          "本报北京1月7日电（记者王观）", "本报", "北京1月7日电", ["王观"],
          ["国家外汇管理局7日公布数据。", "外储规模稳中有升", "本报记者\u00a0\u00a0靳\u00a0\u00a0博",
           "外汇局有关负责人表示，我国外汇市场运行平稳，市场主体交易理性有序。"]),
    Story("pfr", "1998-01-22", "", "春运首日客流平稳", "", "", "", "", [],
          ["铁路部门加开临客。", "旅客有序进站。"], names=["王晓东"]),
]  # fmt: skip


@pytest.mark.parametrize("program", [broadsheet, epaper, mixer, tabloid])
def test_every_text_line_has_a_role_and_every_story_an_item(program):
    for seed in range(20):
        laid = program.lay_out([*STORIES], random.Random(seed))
        lines = normalize_text(laid.text)
        assert len(lines) == len(laid.roles)
        assert all((r == "") == ln.blank for ln, r in zip(lines, laid.roles, strict=True))
        assert set(laid.roles) <= {"", *LABELS}
        assert [item["title"] for item in laid.items][1] in ("春运首日客流平稳", "")
        assert laid.items[0]["paragraphs"][2] == "本报记者 靳 博"


def test_the_held_out_program_never_trains_the_model():
    assert HELD_OUT == ("tabloid",) and "tabloid" not in TRAINED


def test_the_clean_form_keeps_spaces_between_hanzi_only():
    assert clean("本报记者\u00a0\u00a0张\u00a0\u00a0枨 1 月") == "本报记者 张 枨1月"
    assert clean("姜\u00a0\u00a0昆") == "姜昆"


@pytest.mark.corpus
@pytest.mark.slow
def test_the_held_out_layout_reads_well_enough():
    """A floor under the held-out figures (docs/benchmarks.md has the measured ones)."""
    if not RMRB.exists():
        pytest.skip("the corpora are not beside the checkout")
    from bench.layout.programs import pages
    from bench.parser_quality import score

    result = score([(p.text, p.items) for p in pages("tabloid", "pfr", "test", 20, 1)])
    right, wrong = sum(result["right"].values()), sum(result["wrong"].values())
    assert right / (right + wrong) >= 0.93
