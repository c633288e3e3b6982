"""markers: jumps print the way the paper prints them, and read back only when they do."""

import pytest

from archive.ingest.markers import match_continued_from, match_jump_to, render_jump, to_cn_number
from archive.ingest.model import Jump


@pytest.mark.parametrize(
    "n,printed", [(1, "一"), (2, "二"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_a_jump_prints_its_page_in_chinese_and_reads_back(n, printed):
    assert render_jump(Jump(n, "③"), "下转") == f"（下转第{printed}版③）"
    assert match_jump_to(f"护等工作，（下转第{printed}版③）") == (5, Jump(n, "③"))
    assert match_continued_from(f"（上接第{printed}版）全市") == (6 + len(printed), Jump(n, ""))


def test_zero_is_written_as_in_counting_numbers():
    assert to_cn_number(0) == "零"


@pytest.mark.parametrize("zero", ["零", "〇", "0"])
def test_a_jump_to_page_zero_stays_text(zero):
    assert match_jump_to(f"护等工作，（下转第{zero}版③）") is None
