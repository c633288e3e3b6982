"""The line-role model and what it decides: cuts and headline roles the rules cannot."""

from archive.ingest import flags, line_roles, parse_page
from archive.ingest.model import ARTICLE_FIELDS

# A modern page printed headlines first: kicker, title, then the body with a dateline
# that has no 本报讯, a sub-story's byline with names padded by no-break spaces, and the
# next item's headline.
HEADLINE_FIRST = "\n".join(
    [
        "去年12月末",
        "我国外储规模达3.1万亿美元",
        "",
        "本报北京1月7日电 （记者王观）国家外汇管理局7日",
        "公布的数据显示，截至2019年12月末，我国外汇储",
        "备规模为31079亿美元，较11月末上升123亿美元。",
        "外汇局有关负责人表示，2019年12月，我国外汇",
        "市场运行平稳，市场主体交易理性有序。",
        "",
        "铁路公安严厉打击倒卖车票",
        "",
        "本报北京1月7日电 （记者张璁）记者从公安部获悉，",
        "今年春运以来，全国铁路公安机关共破获倒票案件",
        "2782起，缴获假票和倒卖车票1.6万余张。",
        "",
    ]
)


def test_a_page_printed_headlines_first_keeps_each_headline_with_its_body():
    first, second = parse_page(HEADLINE_FIRST).articles
    # Kicker + title is what the e-paper marks; the model reads one two-line title here
    # (a known miss, see docs/benchmarks.md): the headline stays with its body all the same.
    assert "我国外储规模达3.1万亿美元" in first.title
    assert (first.source, first.dateline, first.reporters) == ("本报", "北京1月7日电", ["王观"])
    assert "".join(first.paragraphs).endswith("我国外汇市场运行平稳，市场主体交易理性有序。")
    assert second.title == "铁路公安严厉打击倒卖车票" and second.reporters == ["张璁"]


def test_every_item_carries_a_confidence_that_stays_out_of_the_interchange():
    page = parse_page(HEADLINE_FIRST)
    assert all(0 <= a.confidence <= 1 for a in page.articles)
    assert "confidence" not in ARTICLE_FIELDS and "confidence" not in page.articles[0].to_dict()


def test_the_uncertainty_flags_have_chinese_labels():
    assert flags.label(flags.CUT_UNCERTAIN) == "文章切分可能有误，请核对起止"
    assert flags.label(flags.HEADLINE_UNCERTAIN) == "引题、主题、副题的划分可能有误"


def test_a_page_lists_its_items_flags_in_order():
    page = parse_page("新闻一则\n\n本报讯（记者刘婧）会议召开。①3\n")
    assert page.flags() == [(n, f) for n, a in enumerate(page.articles) for f in a.review]


def test_without_the_model_the_rules_read_the_page_alone(monkeypatch):
    monkeypatch.setattr(line_roles, "_tagger", False)
    [item] = parse_page(
        "本报讯（记者刘婧）1月24日上午，我市召开会议。①3\n\n王小平到马村区督导\n"
    ).articles
    assert (item.title, item.editor_code, item.confidence) == ("王小平到马村区督导", "①3", 1.0)


def test_the_shipped_weights_are_small_and_hold_no_corpus_sentence():
    data = line_roles.MODEL.read_bytes()
    assert len(data) < 2_000_000
    assert "国家外汇管理局".encode() not in data
