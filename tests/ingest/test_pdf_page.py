"""Reading a page PDF: the demo page's articles, fields and regions; untrustworthy text
layers flagged; odd PDFs refused with a clear reason."""

import pytest

from archive import highlight
from archive.ingest import flags
from archive.ingest.pdf_page import parse_pdf
from archive.ingest.pdf_read import PdfError, read_pdf
from archive.ingest.pdf_render import render_page
from bench.layout.pdf_score import FIELDS, iou, match_items, same
from tests import pdfs


@pytest.fixture(scope="module")
def demo():
    return parse_pdf(pdfs.demo_bytes(), first_number=1)[0]


def test_every_printed_item_is_read_with_its_fields_and_its_blocks(demo):
    gold = pdfs.demo_gold()
    found = [a.to_dict() for a in demo.page.articles]
    assert len(found) == len(gold)
    for want, got in zip(gold, match_items(gold, found), strict=True):
        assert got is not None, want["title"]
        assert [name for name in FIELDS if not same(name, want, got)] == []
        assert iou(got["regions"], want["regions"]) >= 0.9


def test_headline_parts_come_from_type_size_and_place(demo):
    lead = demo.page.articles[0]
    assert (lead.kicker, lead.title, lead.subtitle) == (
        "让居民住得更舒心",
        "河畔新区完成首批老旧小区改造",
        "——两千余户居民用上新管网",
    )


def test_bylines_jumps_and_editor_codes_are_furniture_not_text(demo):
    by_title = {a.title: a for a in demo.page.articles}
    lead = by_title["河畔新区完成首批老旧小区改造"]
    assert (lead.source, lead.reporters, lead.editor_code) == ("本报", ["林晓云"], "①2")
    tea = by_title["东山茶园迎来采摘季"]
    assert (tea.source, tea.reporters) == ("本报", ["周明远"])  # 本报记者 周明远, own line
    assert tea.continued_to.to_dict() == {"page": 2, "marker": "③"}
    wire = by_title["全市中小学开展防溺水安全教育"]
    assert (wire.source, wire.dateline, wire.reporters) == ("新华社", "北京6月2日电", ["陈思远"])
    assert all(
        "（下转" not in p and "本报讯" not in p for a in demo.page.articles for p in a.paragraphs
    )


def test_a_picture_and_its_caption_are_a_photo_item(demo):
    photos = [a for a in demo.page.articles if a.kind == "photo"]
    assert [p.paragraphs for p in photos] == [
        ["游客在新开放的湿地公园栈道上观赏荷花。（本报记者周明远摄）"]
    ]
    assert len(photos[0].regions) == 2 and flags.NO_HEADLINE not in photos[0].review


def test_the_lead_story_across_the_page_is_read_first(demo):
    assert demo.page.articles[0].title == "河畔新区完成首批老旧小区改造"
    assert demo.page.articles[0].regions[0][1] < 0.1


def test_regions_are_fractions_of_the_page_from_the_top_left(demo):
    for article in demo.page.articles:
        for x0, y0, x1, y1 in article.regions:
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_each_item_knows_its_lines_in_the_page_text(demo):
    lines = demo.text.split("\n")
    for article in demo.page.articles:
        first, last = article.source_lines
        assert 1 <= first <= last <= len(lines)
    assert "河畔新区完成首批老旧小区改造" in demo.text


def test_character_boxes_find_a_searched_string_inside_its_article(demo):
    marks = highlight.find(demo.char_boxes, "老旧小区")
    lead = demo.page.articles[0]
    assert (
        marks
        and highlight.inside(marks, lead.regions)
        == marks[: len(highlight.inside(marks, lead.regions))]
    )
    assert len(highlight.inside(marks, lead.regions)) >= 2  # the title and the body


def test_a_text_layer_without_unicode_is_flagged_and_no_garbage_is_kept():
    read = parse_pdf(pdfs.broken_text_layer(), first_number=1)[0]
    assert read.page.review == [flags.PDF_TEXT_UNREADABLE]
    assert read.page.articles == [] and read.text == ""


def test_a_scanned_page_without_text_is_flagged():
    read = parse_pdf(pdfs.scanned(), first_number=3)[0]
    assert (read.page.number, read.page.review, read.page.articles) == (3, [flags.PDF_NO_TEXT], [])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"GIF89a not a pdf", "not a PDF file"),
        (pdfs.truncated, "damaged or truncated"),
        (pdfs.encrypted, "encrypted"),
        (pdfs.zero_pages, "no pages"),
        (pdfs.huge_page, "no newspaper page"),
    ],
)
def test_odd_pdfs_are_refused_with_the_reason(make, reason):
    with pytest.raises(PdfError, match=reason):
        read_pdf(make())


def test_a_page_renders_once_as_webp_with_a_thumbnail():
    rendered = render_page(pdfs.demo_bytes(), 0)
    assert rendered.image[:4] == b"RIFF" and rendered.image[8:12] == b"WEBP"
    assert rendered.thumbnail[8:12] == b"WEBP"
    assert rendered.width == 1600 and abs(rendered.height - 1600 * 842 / 595) <= 1
