"""Subheads the line-role model reads inside a body stay paragraphs of their own."""

from archive.ingest import parse_page
from archive.ingest.normalize import normalize_text
from archive.ingest.reflow import reflow

BODY = (
    "工，才成就了澳门爱老\n敬老护老的佳话。\n政策保障  民间参与\n"
    "10月5日，澳门\n特别行政区长者日庆祝\n活动综艺汇演如期在澳\n门旅游塔会展中心。"
)


def test_a_full_width_subhead_is_joined_without_the_model_reading():
    assert len(reflow(normalize_text(BODY)).paragraphs) == 2


def test_a_sure_subhead_is_set_apart_before_the_next_paragraph():
    flowed = reflow(normalize_text(BODY), {3: 0.97})
    assert flowed.paragraphs[1] == "政策保障 民间参与"
    assert flowed.paragraphs[2].startswith("10月5日")
    assert flowed.review == []


def test_an_unsure_subhead_lets_the_widths_carry_the_sentence_on():
    lines = normalize_text("发展。\n两国元首还就共同\n关心的重大国际和地区\n问题交换了看法。")
    flowed = reflow(lines, {2: 0.83, 3: 0.53})
    assert flowed.paragraphs == ["发展。", "两国元首还就共同关心的重大国际和地区问题交换了看法。"]


def test_a_subhead_run_of_two_paragraphs_breaks_at_the_short_line():
    lines = normalize_text(
        "新纪元。\n亲历者说\n赵梓森：中国光纤通信\n技术的主要奠基人、中\n国工程院院士\n金秋，迎着清晨的海\n风。"
    )
    flowed = reflow(lines, {2: 0.99, 3: 0.99, 4: 0.99, 5: 0.99})
    assert flowed.paragraphs[1:3] == [
        "亲历者说",
        "赵梓森：中国光纤通信技术的主要奠基人、中国工程院院士",
    ]


def test_parse_page_keeps_a_subhead_inside_its_article():
    page = parse_page(BODY)
    assert sum(len(a.paragraphs) for a in page.articles) >= 2
