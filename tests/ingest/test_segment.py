"""segment + headline: items, furniture and headlines on small made-up pages."""

from archive.ingest import flags, parse_page
from archive.ingest.headline import split_headline
from archive.ingest.model import Jump
from archive.ingest.render import non_layout, page_covered_text

BODY = "\n".join(
    [
        "委副书记、市长深入城区一线，对",
        "疫情防控工作进行再检查、再督导",
        "。副市长一同检查督导。",
        "",
        "在解放区世纪新区、山阳区恩华",
        "社区，认真查看防控知识宣传、返",
        "乡人员排查等情况。",
    ]
)


def test_a_continued_article_opens_with_its_jump_back():
    page = parse_page("（上接第一版③）\n" + BODY + "①3\n", page_number=2)
    [item] = page.articles
    assert item.continued_from == Jump(1, "③")
    assert item.editor_code == "①3"
    assert item.source == "" and "no_byline" not in item.review
    assert item.review == ["no_headline"]


def test_a_wire_dateline_with_reporters_fills_source_dateline_and_reporters():
    text = "新华社北京1月25日电（记者张三、李四） " + BODY + "（下转第十二版①）\n\n标题在后\n"
    [item] = parse_page(text).articles
    assert (item.source, item.dateline, item.reporters) == (
        "新华社",
        "北京1月25日电",
        ["张三", "李四"],
    )
    assert item.continued_to == Jump(12, "①")
    assert item.title == "标题在后"


def test_a_byline_split_over_a_line_break_is_still_read():
    [item] = parse_page("本报讯（记者杨丽娜、姚广\n强） 1 月 26 日" + BODY).articles
    assert item.reporters == ["杨丽娜", "姚广强"]
    assert item.paragraphs[0].startswith("1月26日委副书记")


def test_an_unsigned_body_is_flagged_for_review():
    [item] = parse_page(BODY + "\n\n一个标题\n").articles
    assert item.title == "一个标题"
    assert item.review == ["no_byline"]


def test_a_byline_the_fields_cannot_print_back_is_kept_in_review():
    page = parse_page("本报讯（记者张三 通讯员李四）" + BODY)
    assert page.articles[0].reporters == ["张三", "李四"]
    assert page.articles[0].review[-1] == "byline_printed_as:本报讯（记者张三 通讯员李四）"
    assert non_layout(page_covered_text(page)) == non_layout("本报讯（记者张三 通讯员李四）" + BODY)


def test_an_unsigned_article_after_a_headline_starts_a_new_item():
    # Its first line is two cells short: the paragraph indent was lost.
    unsigned = (
        "焦煤集团和谐社区居住的都是\n集团辖区的棚户区改造居民，人员\n构成复杂，需要逐户排查登记。\n"
    )
    text = "本报讯（记者刘婧）" + BODY + "\n\n第一个标题\n\n" + unsigned
    first, second = parse_page(text).articles
    assert first.title == "第一个标题" and first.reporters == ["刘婧"]
    assert second.source == "" and second.paragraphs[0].startswith("焦煤集团")
    # A headless item beside headed ones is where a headline is most often misplaced.
    assert second.review == ["no_headline", "no_byline", "cut_uncertain"]


def test_an_unsigned_article_may_open_with_a_two_line_paragraph():
    # 我第一次出外打工，是 / 在大连。: the second line is short because the paragraph ends
    # there; the first is still two cells short of the column the next lines fill.
    unsigned = (
        "我第一次出外打工，是\n在大连。\n好不容易才揽到一桩室\n内装修活。这桩活是一个\n"
        "姓丁的南方人从一个工头\n手中转包过来的活计。\n"
    )
    text = "本报讯（记者刘婧）" + BODY + "\n\n第一个标题\n\n" + unsigned
    first, second = parse_page(text).articles
    assert first.title == "第一个标题"
    assert second.paragraphs[0] == "我第一次出外打工，是在大连。"


def _two_items(unsigned: str, *, end: str = "", headline: str = "第一个标题") -> list:
    text = "本报讯（记者刘婧）" + BODY + end + "\n\n" + headline + "\n\n" + unsigned
    return parse_page(text).articles


def test_a_list_entry_with_its_indent_lost_opens_an_unsigned_item():
    # 荣誉：全国精神文明建 / 设标兵: neither line is a sentence, but the first is two
    # cells short of the column the later lines fill.
    unsigned = (
        "荣誉：全国精神文明建\n设标兵\n工作单位：山东临沂市\n沈泉庄村\n"
        "附记：1997年岁末，从\n山东省临沂市沈泉庄传来喜\n讯，王廷江带领乡亲们又创\n"
    )
    first, second = _two_items(unsigned)
    assert first.title == "第一个标题"
    assert second.paragraphs[0] == "荣誉：全国精神文明建设标兵"


def test_a_numbered_or_bulleted_line_opens_an_unsigned_item():
    for opening in ("●新开工竣工面积分类指数", "1、杭州开通人才查询系统"):
        unsigned = opening + "\n持续走高，其中住宅增长\n最快。\n图为北京最大的住宅\n小区。\n"
        first, second = _two_items(unsigned)
        assert first.title == "第一个标题"
        assert second.paragraphs[0].startswith(opening)


def test_a_spread_first_line_after_a_headline_opens_an_unsigned_item():
    unsigned = (
        "贯 通 渭 北 1 5 个 乡\n（镇）、237个村、78\n万亩耕地，总耗资约\n8781万元的排碱工程。\n"
    )
    first, second = _two_items(unsigned)
    assert first.title == "第一个标题"
    assert second.paragraphs[0].startswith("贯通渭北15个乡")


def test_a_stray_space_opens_an_item_even_after_a_table():
    table = "本报讯（记者刘婧）上证指数1239.90\n1242.21\n深证指数396.40\n397.09\n"
    text = table + "\n上周股市概览\n\n 衣：北京设计师陈小\n牧的作品夺得金奖。\n"
    first, second = parse_page(text).articles
    assert first.title == "上周股市概览"
    assert second.paragraphs == ["衣：北京设计师陈小牧的作品夺得金奖。"]


def test_a_picture_note_on_its_own_line_is_part_of_the_headline():
    first, second = _two_items(
        "辽宁省丹东市各乡镇，\n农民变冬闲为冬忙，掀起学\n文化、讲科学的热潮。\n",
        headline="地震灾区写真\n（附图片3张）",
    )
    assert first.title == "地震灾区写真 （附图片3张）"
    assert second.paragraphs[0].startswith("辽宁省丹东市")


def test_an_editor_code_may_follow_a_tables_last_figure():
    [item] = parse_page("本报讯（记者刘婧）" + BODY + "\n收入比重4%⑧9\n\n公房租金\n").articles
    assert item.editor_code == "⑧9"
    assert item.title == "公房租金"


def test_a_wire_byline_names_the_reporters_not_their_papers():
    text = "新华社北京1月15日电（解放军报记者王文杰、新华社记者罗玉文）" + BODY
    [item] = parse_page(text).articles
    assert item.reporters == ["王文杰", "罗玉文"]


def test_a_notice_has_its_title_first_and_no_byline():
    text = "本报讯（记者刘婧）" + BODY + "①3\n\n敬告读者\n因春节放假，本报休刊三天。\n"
    article, notice = parse_page(text).articles
    assert (notice.kind, notice.title, notice.paragraphs) == (
        "notice", "敬告读者", ["因春节放假，本报休刊三天。"],
    )  # fmt: skip
    # A page of two items is too little for the line-role model to be sure of: it may
    # flag the cut for review, never anything else.
    assert set(notice.review) <= {"cut_uncertain", "headline_uncertain"}


def test_a_kicker_ends_with_a_reporting_verb_and_two_line_titles_join_with_a_space():
    assert split_headline([["王小平在调研时强调"], ["加强监测", "严阵以待"]]) == (
        "王小平在调研时强调", "加强监测 严阵以待", "",
    )  # fmt: skip
    assert split_headline([["王小平到马村区督导", "检查疫情防控工作"]]) == (
        "", "王小平到马村区督导 检查疫情防控工作", "",
    )  # fmt: skip


def test_a_dash_line_is_the_subtitle():
    assert split_headline([["恐龙时代有巨鸟", "——古生物学家们表示"]]) == (
        "", "恐龙时代有巨鸟", "——古生物学家们表示",
    )  # fmt: skip
    assert split_headline([["引题"], ["主题"], ["副题"]]) == ("引题", "主题", "副题")


def test_a_complete_statement_over_another_line_is_title_and_subtitle():
    assert split_headline([["全市会议召开", "市长出席会议并讲话"]]) == (
        "", "全市会议召开", "市长出席会议并讲话",
    )  # fmt: skip
    assert split_headline([["主持召开常务委员会会议"], ["研究防控工作"]]) == (
        "", "主持召开常务委员会会议", "研究防控工作",
    )  # fmt: skip
    assert split_headline([["在调研时强调"], ["加强监测"]]) == ("在调研时强调", "加强监测", "")


def test_a_list_entry_after_a_clause_end_opens_a_paragraph():
    text = (
        "本报讯（记者刘婧）价格主管部门\n进行价格监督检查时，可以行使\n下列职权：\n"
        "（一）询问当事人或者有关人\n员，并要求其提供证明材料；\n"
        "（二）查询、复制与价格违法\n行为有关的账簿、单据、凭证；\n"
    )
    [item] = parse_page(text).articles
    assert [p[:4] for p in item.paragraphs] == ["价格主管", "（一）询", "（二）查"]


def test_a_wire_byline_over_five_narrow_lines_names_every_reporter():
    text = (
        "　　新华社北京1月1\n5日电（中央人民广\n播电台记者李涛，\n新华社记者王言彬、\n"
        "韩振军）国务院总\n理李鹏今天下午在\n接见。\n\n加快石油资源勘探开发\n"
    )
    [item] = parse_page(text).articles
    assert (item.source, item.dateline) == ("新华社", "北京1月15日电")
    assert item.reporters == ["李涛", "王言彬", "韩振军"]
    assert item.paragraphs == ["国务院总理李鹏今天下午在接见。"]


def test_a_headless_item_is_flagged_unless_its_end_is_printed():
    from archive.ingest.cuts import _headless
    from archive.ingest.segment import Segment

    headed, open_end, coded = Segment(headline=[["第一个标题"]]), Segment(), Segment()
    coded.editor_code = "①3"
    _headless([headed, open_end, coded, Segment(headline=[["第二个标题"]])])
    assert (headed.flags, open_end.flags, coded.flags) == ([], [flags.CUT_UNCERTAIN], [])
    # At the page's end, a headless item says the order itself may be misread.
    headed, open_end = Segment(headline=[["第一个标题"]]), Segment()
    _headless([headed, open_end])
    assert headed.flags == open_end.flags == [flags.CUT_UNCERTAIN]
    alone = Segment()
    _headless([alone])  # no item of the page has a headline: nothing to have taken one
    assert alone.flags == []


def test_a_dated_byline_or_a_news_opener_inside_a_body_flags_its_item():
    from archive.ingest import _byline_inside

    assert _byline_inside(["伴随着……", "本报广州1月14日电 （记者丁怡婷）伴随着香港回归"])
    assert _byline_inside(["罚款现象也得到了遏制。", "本报讯在周恩来同志诞辰100周年之际"])
    assert not _byline_inside(["本报广州1月14日电 （记者丁怡婷）伴随着", "下一段。"])
    assert not _byline_inside(["第一段。", "本报记者 富子梅 靳 博"])  # a sub-story's byline
