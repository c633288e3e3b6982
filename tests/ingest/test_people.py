import re
from pathlib import Path

import pytest

from archive.ingest.people import extract_persons, page_persons
from archive.ingest.roles import roles_before

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "jzrb-2020-01-27-p1.txt"
# body line ranges of the seed's nine items (headlines excluded)
ITEMS = [(1, 46), (53, 103), (104, 155), (162, 224), (229, 274), (280, 286), (287, 333),
         (338, 384), (390, 493)]  # fmt: skip
LEADERS = {"王小平": ["市委书记", "市人大常委会主任"], "徐衣显": ["市委副书记", "市长"]}


def seed_items():
    lines = SEED.read_text("utf-8").split("\n")
    for first, last in ITEMS:
        text = "".join(line.replace(" ", "") for line in lines[first - 1 : last])
        byline = re.match(r"本报讯（记者(.*?)）", text)
        reporters = byline.group(1).split("、") if byline else []
        text = re.sub(r"（下转.*?）", "", text[byline.end() :] if byline else text)
        yield [text], reporters


@pytest.fixture(scope="module")
def seed():
    """The persons of the seed's nine items, read together as one page."""
    if not SEED.exists():
        pytest.skip("seed page not available")
    return [[(p.name, p.roles) for p in item] for item in page_persons(list(seed_items()))]


def test_mayor_and_vice_mayor_are_found_with_their_roles(seed):
    assert seed[0] == [("徐衣显", ["市委副书记", "市长"]), ("王付举", ["副市长"])]
    assert seed[4] == seed[0]
    assert seed[6] == seed[0]


def test_a_list_of_city_leaders_gives_whole_names(seed):
    names = [name for name, _ in seed[1]]
    assert names == ["习近平", "王小平", "王建修", "路红卫", "牛炎平", "武磊", "闫小杏", "王付举",
                     "薛志杰"]  # fmt: skip
    assert seed[1][1] == ("王小平", LEADERS["王小平"])


def test_names_are_never_fragments(seed):
    for item in seed:
        for name, _ in item:
            assert name not in {"王付", "衣显", "徐衣", "王小", "小平"}


def test_reporters_are_not_persons(seed):
    found = {name for item in seed for name, _ in item}
    assert not found & {"杨丽娜", "姚广强", "刘婧", "董柏生"}


def test_general_secretary_is_titled_either_way(seed):
    assert seed[7] == [("习近平", ["总书记"])]
    assert ("习近平", ["总书记"]) in seed[1]


def test_the_notice_mentions_nobody(seed):
    assert seed[5] == []


def test_the_meeting_report_gives_everyone_in_reading_order(seed):
    assert [name for name, _ in seed[8]] == ["王小平", "习近平", "徐衣显", "王建修", "胡小平",
                                               "宫松奇", "王付举"]  # fmt: skip
    roles = dict(seed[8])
    assert roles["王小平"] == ["市委书记", "市人大常委会主任", "总指挥"]
    assert roles["徐衣显"][:2] == ["市委副书记", "市长"]


def test_long_ad_hoc_offices_keep_only_the_title():
    text = "市委书记、市新型冠状病毒感染的肺炎疫情防控指挥部总指挥"
    assert roles_before(text) == ["市委书记", "总指挥"]


def test_known_names_are_found_afterwards():
    found = extract_persons(["这次会议由苏来衣曼主持。"], known_names=["苏来衣曼"])
    assert [p.name for p in found] == ["苏来衣曼"]


def names(paragraphs, **kwargs):
    return [p.name for p in extract_persons(paragraphs, **kwargs)]


def test_known_names_are_matched_in_the_text_not_only_through_the_tagger():
    # 许立群 is a dictionary word the tagger does not call a name; the archive knows it.
    assert names(["许立群在会上发言。"], known_names=["许立群"]) == ["许立群"]


def test_a_known_name_never_cuts_a_longer_name():
    assert names(["李明华同志出席了会议。"], known_names=["李明"]) == ["李明华"]


def test_known_names_do_not_leak_into_later_calls_without_them():
    names(["苏来衣曼主持会议。"], known_names=["苏来衣曼"])
    assert "苏来衣曼" not in names(["会议由苏来衣曼主持。"])


def test_bylines_and_photo_credits_give_names():
    assert names(["本报记者许立群报道：比赛昨天结束。"]) == ["许立群"]
    assert names(["（新华社记者章武摄）"]) == ["章武"]


def test_an_author_line_is_a_name():
    assert names(["何立伟", "冬天的早晨很安静。"]) == ["何立伟"]


def test_foreign_names_after_a_title():
    assert names(["俄罗斯总理切尔诺梅尔金说，两国关系良好。"]) == ["切尔诺梅尔金"]
    assert names(["蒙古国总统巴嘎班迪会见了代表团。"]) == ["巴嘎班迪"]
    assert names(["日本首相桥本龙太郎今天在东京发表讲话。"]) == ["桥本龙太郎"]


def test_transliterated_places_are_not_names():
    assert names(["据新华社萨格勒布１月１６日电"]) == []


def test_every_item_of_a_list_of_names_is_a_name():
    text = "出席会议的还有王岐山、卢钟鹤、欧广源、钱佳禾。"
    assert names([text]) == ["王岐山", "卢钟鹤", "欧广源", "钱佳禾"]


def test_words_the_tagger_calls_names_need_a_name_context():
    assert names(["这项许可已经取消，向阳的山坡上开满了花。"]) == []


def test_a_name_broken_over_two_headline_lines_is_still_a_name():
    from archive.ingest import parse_page

    text = "本报讯（记者刘婧）会议今天选举\n刘方仁为省人大常委会主任。\n\n刘方仁当选贵州省人大主任吴\n亦侠当选贵州省省长\n"
    [item] = parse_page(text).articles
    assert item.title == "刘方仁当选贵州省人大主任吴 亦侠当选贵州省省长"  # as printed
    assert {"刘方仁", "吴亦侠"} <= {p.name for p in item.persons}


def test_the_character_tagger_settles_a_name_glued_to_the_next_word():
    text = "会议听取了全国政协副主席王兆国、秘书长朱训和副秘书长朱作霖的报告。"
    assert names([text]) == ["王兆国", "朱训", "朱作霖"]


def test_a_name_another_item_of_the_page_gives_is_read_whole():
    # Alone, 副市长王付举出席会议 is ambiguous (举出 is a word); the page settles it.
    alone = ["副市长王付举出席会议。"]
    page = page_persons([(["副市长王付举一同检查督导。"], []), (alone, [])])
    assert [[p.name for p in item] for item in page] == [["王付举"], ["王付举"]]
    assert page[1][0].roles == ["副市长"]


def test_the_subject_of_a_kicker_is_a_person():
    # 江小涓 has weak cues of its own (小涓 is no common given name); the kicker says who
    # spoke.
    assert names(["江小涓在调研时强调", "全面推进各项工作。"]) == ["江小涓"]
    assert names(["我市在检查工作时强调", "全面推进各项工作。"]) == []


def test_a_name_at_the_very_end_of_a_text_cut_by_a_jump_may_be_half_a_name():
    text = ["出席会议的老同志还有安平生、郭锋、李尔"]  # …李尔（下转第二版①）: 李尔重?
    assert names(text) == ["安平生", "郭锋", "李尔"]
    assert names(text, cut_short=True) == ["安平生", "郭锋"]
    # Named again before the cut, it is whole.
    assert names(["郭锋讲了话。老同志还有安平生、郭锋"], cut_short=True) == ["郭锋", "安平生"]


def test_parse_page_knows_which_texts_a_jump_cuts_short():
    from archive.ingest import parse_page

    text = "本报讯（记者刘婧）昨天的会议开得很好。出席会\n议的老同志还有安平生、郭锋、李\n尔（下转第二版①）\n\n老同志出席会议\n"
    [item] = parse_page(text).articles
    assert [p.name for p in item.persons] == ["安平生", "郭锋"]
