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


def _lines(text):
    from archive.ingest.normalize import normalize_text

    return normalize_text(text)


def test_a_headline_first_page_is_known_without_a_column_break_under_its_headline():
    from archive.ingest.line_features import guess_order

    body = (
        "10月4日，一艘满载集装箱的货轮缓缓驶离上\n海洋山深水港码头。船身与装载的集装箱倒影映照在\n"
    )
    assert guess_order(_lines("移动的“海上城市”\n" + body)) == "hf"  # its own measure
    assert guess_order(_lines("南京溧水区将投入30亿元治水\n本报南京10月15日电 （记者刘\n书文）近日，记者从会上了解到：\n")) == "hf"  # fmt: skip
    assert guess_order(_lines("第十七届澳门妈祖文化旅游节开幕\n\u3000\u3000据新华社澳门10月10日电 （\n记者胡瑶）开幕典礼举行。\n")) == "hf"  # fmt: skip
    # A body first: a summary box's label, a byline broken over lines, a full first line.
    assert guess_order(_lines("核心阅读\n回归祖国20年\n来，澳门特区政府通过\n与专业民间机构合作，\n")) == "bf"  # fmt: skip
    assert guess_order(_lines("新华社北京10月1\n6日电国务院总理李克强\n10月16日主持召开国\n务院常务会议，听取\n")) == "bf"  # fmt: skip
    assert guess_order(_lines("为了让身心调整到最好状态，国庆阅兵仪式和\n" + body)) == "bf"


def test_a_headline_first_item_keeps_its_byline_out_of_its_text():
    page = parse_page(
        "迟浩田欢宴美国防部长\n新华社北京1月18日电 （记者杨国强）中央\n"
        "军委副主席、国务委员兼国防部长迟浩田上将今天在\n人民大会堂会见并宴请了应邀来访的美国国防部长科\n"
        "恩一行。\n中国人民解放军副总参谋长熊光楷、空军司令员\n刘顺尧出席。\n"
    )
    [item] = page.articles
    assert (item.title, item.source, item.reporters) == (
        "迟浩田欢宴美国防部长",
        "新华社",
        ["杨国强"],
    )
    assert item.paragraphs[0].startswith("中央军委副主席")


BRACKET = "\n".join(
    [
        "中国科协第十届全国委员会",
        "第三次会议在京举行，会议",
        "审议通过了有关文件。会议",
        "号召广大科技工作者投身创",
        "新实践，为建设科技强国作",
        "出新的更大贡献。",
        "（据新华社电 记者阳",
        "娜、马晓冬）",
        "",
        "中国科协全委会在京召开",
        "",
        "核心阅读",
        "回归祖国20年来，澳门特区",
        "政府通过与专业民间机构合",
        "作，让老人安享晚年。",
        "澳门特区政府社会工作局介",
        "绍，全澳共有安老院舍二十",
        "多所，床位两千余张。",
        "",
        "澳门爱老敬老护老蔚然成风",
        "",
    ]
)


def test_a_bracket_left_open_goes_on_and_a_summary_box_opens_its_item():
    first, second = parse_page(BRACKET).articles
    assert first.title == "中国科协全委会在京召开"
    assert "".join(first.paragraphs).endswith("（据新华社电 记者阳娜、马晓冬）")
    assert second.title == "澳门爱老敬老护老蔚然成风"
    assert second.paragraphs[0].startswith("核心阅读")


def test_what_the_printed_text_settles_overrides_the_model():
    from archive.ingest import cuts

    lines = _lines(BRACKET)
    index = [i for i, ln in enumerate(lines) if not ln.blank]
    text = [lines[i].text for i in index]
    # The model's worst reading: the credit's tail and the summary box's label as headlines.
    labels = ["open" if k == 0 else "body" for k in range(len(index))]
    for k, t in enumerate(text):
        if t in ("娜、马晓冬）", "中国科协全委会在京召开", "核心阅读", "澳门爱老敬老护老蔚然成风"):
            labels[k] = "title"
    cuts._furniture(lines, index, labels, "bf")
    role = dict(zip(text, labels, strict=True))
    assert (role["娜、马晓冬）"], role["核心阅读"]) == ("body", "open")
    assert role["中国科协全委会在京召开"] == role["澳门爱老敬老护老蔚然成风"] == "title"


def test_no_item_ends_on_a_word_whose_last_character_opens_the_next_line():
    from archive.ingest import cuts

    lines = _lines(
        "医院是疫情防控的重要防\n\n线。在市第二人民医院初级预检\n分诊处，徐衣显关切询问。\n"
    )
    labels = ["body", "body", "body"]
    assert cuts._furniture(lines, [0, 2, 3], labels, "bf") == {0}


def test_a_headline_printed_first_keeps_the_body_it_opens_onto():
    from archive.ingest.assemble import groups

    # title over a byline the furniture rules read as opening: one item, not a bodiless
    # headline and a headless body.
    [item] = groups(["title_open", "subtitle", "open", "body"], "hf")
    assert (item.head, item.body) == ([(0, "title"), (1, "subtitle")], [2, 3])
    assert len(groups(["open", "body", "title", "open", "body", "title"])) == 2


# A page printed headlines first that opens on a headless item (a photo's text): its
# layout says bodies first; its headlines' words, shared with the body after each, do not.
HEADLESS_FIRST = "\n".join(
    [
        "　　国庆假期，游客在天安门广场观看升旗仪式。",
        "",
        "丁石孙同志遗体在京火化",
        "",
        "　　新华社北京10月17日电丁石孙同志的遗体，17日在北京八宝山革命公墓火化。",
        "",
        "中蒙建交70周年招待会在京举行",
        "",
        "　　中国人民对外友好协会与蒙古国驻华使馆16日在京举行招待会，庆祝中蒙建交70周年。",
        "",
        "格兰仕发布家电物联网芯片",
        "",
        "　　家电企业格兰仕近日正式发布家电物联网芯片。",
        "",
    ]
)


def test_a_pages_order_is_read_off_its_headlines_words_where_they_say_it_clearly():
    from archive.ingest.line_features import guess_order
    from archive.ingest.line_roles import rule_roles
    from archive.ingest.segment import segment

    lines = _lines(HEADLESS_FIRST)
    assert guess_order(lines) == "bf"  # the layout alone
    assert guess_order(lines, rule_roles(lines, segment(lines))) == "hf"
    titles = [a.title for a in parse_page(HEADLESS_FIRST).articles]
    assert titles == ["", "丁石孙同志遗体在京火化", "中蒙建交70周年招待会在京举行", "格兰仕发布家电物联网芯片"]  # fmt: skip


def test_on_a_headline_first_page_a_summary_box_is_body_under_its_headline_or_opens_an_item():
    from archive.ingest import cuts

    lines = _lines(
        "正定古城焕发新活力\n核心阅读\n正定对古城风貌整体保护。\n\n核心阅读\n"
        "广西出台相关政策。\n\n深圳盘活存量土地\n核心阅读\n近几年，深圳坚持集约利用。\n"
    )
    index = [i for i, ln in enumerate(lines) if not ln.blank]
    labels = ["title_open", "title", "body", "body", "body", "title_open", "body", "body"]
    cuts._furniture(lines, index, labels, "hf")
    assert labels == ["title_open", "body", "body", "open", "body", "title_open", "body", "body"]


def test_on_a_headline_first_page_the_line_after_a_jump_opens_an_item():
    from archive.ingest import cuts

    lines = _lines(
        "孙春兰在浙江调研\n深化创新创业教育。（下转第六版）\n今年，是河南洛阳偃师\n遗址发掘60周年。\n"
    )
    labels = ["title_open", "body", "body", "body"]
    cuts._furniture(lines, [0, 1, 2, 3], labels, "hf")
    assert labels == ["title_open", "body", "open", "body"]
    labels = ["title_open", "body", "body", "body"]
    cuts._furniture(lines, [0, 1, 2, 3], labels, "bf")  # bodies first: its headline follows
    assert labels == ["title_open", "body", "body", "body"]


def test_a_headline_left_without_a_body_joins_the_headline_after_it():
    from archive.ingest.assemble import groups

    labels = ["title_open", "body", "kicker_open", "title_open", "body", "body"]
    found = groups(labels, "hf")
    assert [(g.head, g.body) for g in found] == [
        ([(0, "title")], [1]),
        ([(2, "kicker"), (3, "title")], [4, 5]),
    ]
