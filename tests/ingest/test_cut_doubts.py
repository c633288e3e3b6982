"""cut_doubts: signs in the printed text that a cut the model is sure of may be wrong."""

from archive.ingest import flags, parse_page
from archive.ingest.assemble import Group
from archive.ingest.cut_doubts import doubted
from archive.ingest.line_roles import Reading
from archive.ingest.normalize import normalize_text
from archive.ingest.segment import Segment

HEAD = "本报讯（记者刘婧）1月24日上午，我市召开\n会议，部署春节期间工作。\n"
TAIL = "会议指出，要抓好疫情防控工作。\n\n王小平到马村区督导\n"


def test_a_credit_with_more_body_after_it_flags_a_cut_the_model_is_sure_of():
    [plain] = parse_page(HEAD + TAIL).articles
    [credited] = parse_page(HEAD + "数据来源：市统计局\n" + TAIL).articles
    assert not flags.has(plain.review, flags.CUT_UNCERTAIN)
    assert flags.has(credited.review, flags.CUT_UNCERTAIN) and credited.confidence > 0.95


def _page(texts, labels, chances=None, order="hf"):
    lines = normalize_text("\n".join(texts))
    sure = [{label: 1.0} for label in labels]
    reading = Reading(list(range(len(texts))), list(labels), chances or sure, order)
    return lines, reading


def test_on_a_headline_first_page_a_headline_read_as_subheads_flags_its_item():
    texts = ["一个标题", "第一段写完了。", "释放公益力量", "种草喜马拉雅", "高原植绿", "合力脱贫",
             "“去年，南木林县人均收入"]  # fmt: skip
    labels = ["title_open", "body", "sub", "sub", "sub", "sub", "body"]
    lines, reading = _page(texts, labels)
    item = Group(head=[(0, "title")], body=list(range(1, 7)), head_first=True)
    assert doubted(lines, reading, [item], [Segment()], set()) == [0]
    # Three short lines are subheads as often as not; bodies first, they never open an item.
    shorter = Group(head=[(0, "title")], body=list(range(1, 6)), head_first=True)
    three = _page(texts[:2] + texts[3:], labels[:2] + labels[3:])
    assert doubted(*three, [shorter], [Segment()], set()) == []
    reading.order = "bf"
    assert doubted(lines, reading, [item], [Segment()], set()) == []


def test_a_small_doubt_after_a_finished_paragraph_flags_its_item():
    texts = ["一个标题", "第一段写完了。", "张卫平（国际管理集团中国", "部高级经理）：体育推广"]
    labels = ["title_open", "body", "body", "body"]
    unsure = {"body": 0.97, "open": 0.03}
    chances = [{"title_open": 1.0}, {"body": 1.0}, unsure, {"body": 1.0}]
    lines, reading = _page(texts, labels, chances)
    item = Group(head=[(0, "title")], body=[1, 2, 3], head_first=True)
    assert doubted(lines, reading, [item], [Segment()], set()) == [0]
    assert doubted(lines, reading, [item], [Segment()], {2}) == []  # the print settles it
    reading.chances[2] = {"body": 0.99, "open": 0.01}
    assert doubted(lines, reading, [item], [Segment()], set()) == []
    # After a signature in brackets, where 1998 items end, half the doubt is enough.
    texts[1] = "动售票机。（何水根）"
    lines, reading = _page(texts, labels, chances)
    reading.chances[2] = {"body": 0.99, "open": 0.01}
    assert doubted(lines, reading, [item], [Segment()], set()) == [0]
    # △ opens a news brief, however sure the model is that the line is body.
    texts = ["一个标题", "第一段写完了。", "△我国将颁布禁用含铅汽油公告。"]
    lines, reading = _page(texts, labels[:3], order="bf")
    assert doubted(lines, reading, [Group(body=[0, 1, 2])], [Segment()], set()) == [0]


def test_unread_furniture_and_overlong_headlines_flag_their_item():
    texts = ["（本报加德满都10月15日电）", "（上接第一版", "②）新中国70华诞，", "核心阅读"]
    labels = ["title_open", "body", "body", "body"]
    lines, reading = _page(texts, labels)
    dated = Group(head=[(0, "title")], body=[1, 2], head_first=True)
    assert doubted(lines, reading, [dated], [Segment()], set()) == [0]
    continued = Group(body=[1, 2])
    assert doubted(lines, reading, [continued], [Segment()], set()) == [0]
    lines, reading = _page(["新华社北京10月1日电", "今天举行大会。", "会议指出。", "核心阅读"],
                           ["open", "body", "body", "body"], order="bf")  # fmt: skip
    assert doubted(lines, reading, [Group(body=[0, 1, 2])], [Segment()], set()) == []
    assert doubted(lines, reading, [Group(body=[0, 1, 2, 3])], [Segment()], set()) == [0]
    long_head = Group(head=[(k, "title") for k in range(5)], body=[])
    lines, reading = _page(["标题"] * 5, ["title"] * 5, order="bf")
    assert doubted(lines, reading, [long_head], [Segment()], set()) == [0]


def test_a_photo_credit_followed_by_a_line_standing_alone_flags_its_item():
    texts = [
        "重庆特殊教育中心",
        "日常排练。",
        "新华社记者 刘 潺摄",
        "耳有乐 心有光",
        "国徽的内容为国旗",
    ]
    lines, reading = _page(texts, ["open", "body", "sub", "sub", "body"], order="bf")
    assert doubted(lines, reading, [Group(body=[0, 1, 2, 3, 4])], [Segment()], set()) == [0]
    reading.labels[3] = "body"  # the credit's line runs on into the text: a caption
    assert doubted(lines, reading, [Group(body=[0, 1, 2, 3, 4])], [Segment()], set()) == []
